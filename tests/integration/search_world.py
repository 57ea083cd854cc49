"""Fifty customers as a French and Danish sales team has them, made through the commands:
accented names, cities with and without their letters, postal codes with leading zeros,
phones typed in national form, VAT numbers, orders with PO numbers.

Some names are near others on purpose (`Hôtel Étoile` and `Hôtel Étoile du Nord`,
`Boulangerie Lefèvre` and `Maison Lefebvre`, `Søren Kierkegaard ApS` and `Kierkegaard
Consulting`), several share a city, and many have addresses at example.com, so that a
search has to rank, not only find.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain import commands as c
from domain.services.messagebus import MessageBus


@dataclass(frozen=True)
class Someone:
    code: str
    name: str
    street: str
    postal_code: str
    city: str
    country: str
    email: str = ""
    phone: str = ""
    vat: str = ""


CUSTOMERS = (
    Someone("HOTEL-ETOILE", "Hôtel Étoile", "12 avenue de Wagram", "75008", "Paris", "FR",
            "reception@hotel-etoile.example", "01 42 68 53 00"),
    Someone("ETOILE-NORD", "Hôtel Étoile du Nord", "3 place de la Gare", "59800", "Lille", "FR",
            "nord@etoile.example", "03 20 12 34 56"),
    Someone("LEFEVRE", "Boulangerie Lefèvre", "27 rue de la République", "69003", "Lyon",
            "FR", "compta@lefevre-boulangerie.example", "04 72 10 20 30", "FR40303265045"),
    Someone("LEFEVRE-FILLE", "Boulangerie Lefèvre & Fille", "8 rue Mercière", "69002", "Lyon",
            "FR", "fille@lefevre.example"),
    Someone("LEFEBVRE", "Maison Lefebvre SARL", "14 rue des Trois Cailloux", "80000", "Amiens",
            "FR", "contact@maison-lefebvre.example"),
    Someone("SOREN", "Søren Kierkegaard ApS", "Nytorv 2", "1150", "København K", "DK",
            "soren@kierkegaard.example", "+45 33 12 34 56", "DK13585628"),
    Someone("KIERKE-CONS", "Kierkegaard Consulting", "Søndergade 40", "7100", "Vejle", "DK",
            "info@kierkegaard-consulting.example"),
    Someone("AERO", "Bageriet Ærø", "Vestergade 5", "8000", "Aarhus C", "DK",
            "bager@aero.example", "86 12 34 56"),
    Someone("SMORREBROD", "Smørrebrød Østerbro", "Østerbrogade 112", "2100", "København Ø",
            "DK", "mad@smorrebrod.example"),
    Someone("MOLLER", "Møller & Søn A/S", "Vestergade 18", "5000", "Odense C", "DK",
            "ordre@moller.example"),
    Someone("ASE", "Blomster Åse", "Boulevarden 9", "9000", "Aalborg", "DK",
            "ase@blomster.example"),
    Someone("UNDER-URET", "Café Under Uret", "Store Torv 1", "8000", "Aarhus C", "DK"),
    Someone("NORREBRO", "Nørrebro Cykler", "Nørrebrogade 77", "2200", "København N", "DK",
            "cykler@norrebro.example"),
    Someone("HYGGE", "Hygge Interiør", "Algade 20", "4000", "Roskilde", "DK"),
    Someone("KAFFE-ARHUS", "Kaffebaren", "Åboulevarden 31", "8000", "Århus", "DK",
            "kaffe@kaffebaren.example"),
    Someone("SKAGEN", "Fiskehuset Skagen", "Havnevej 4", "9990", "Skagen", "DK"),
    Someone("JENSEN", "Jensen Tømrer", "Kongensgade 60", "6700", "Esbjerg", "DK"),
    Someone("HANSEN-LARSEN", "Hansen & Larsen I/S", "Jernbanegade 3", "6000", "Kolding", "DK"),
    Someone("BRYGGERIET", "Bryggeriet Vestergade", "Vestergade 29", "8000", "Aarhus C", "DK"),
    Someone("AEROSKOBING", "Glas & Design", "Vestergade 50", "5970", "Ærøskøbing", "DK"),
    Someone("SORENSEN", "Sørensen Import", "Overgade 12", "5000", "Odense C", "DK",
            "import@sorensen.example"),
    Someone("CAFE-GARE", "Café de la Gare", "1 place Jean Jaurès", "42000", "Saint-Étienne",
            "FR", "gare@cafe.example"),
    Someone("CHOCO-FRANCOIS", "Chocolaterie François", "9 rue Gambetta", "42100",
            "Saint-Étienne", "FR"),
    Someone("FROMAGERIE", "Fromagerie Bérénice", "4 rue Notre-Dame", "01000",
            "Bourg-en-Bresse", "FR", "berenice@fromagerie.example"),
    Someone("PHARMA-MULLER", "Pharmacie Müller", "2 place Kléber", "67000", "Strasbourg", "FR",
            "muller@pharmacie.example"),
    Someone("LIBRAIRIE", "Librairie Ça Ira", "30 la Canebière", "13001", "Marseille", "FR"),
    Someone("ECLUSE", "Brasserie L'Écluse", "15 quai Saint-Antoine", "69002", "Lyon", "FR",
            "ecluse@brasserie.example"),
    Someone("NOEL", "Atelier Noël", "6 rue Crébillon", "44000", "Nantes", "FR"),
    Someone("GATEAU-OR", "Pâtisserie Gâteau d'Or", "51 cours Vitton", "69006", "Lyon", "FR"),
    Someone("COEUR", "Épicerie Fine Cœur", "22 rue de la Monnaie", "59000", "Lille", "FR"),
    Someone("RENEE", "Garage Renée", "100 route d'Espagne", "31100", "Toulouse", "FR"),
    Someone("PROCOPE", "Restaurant Le Procope", "13 rue de l'Ancienne-Comédie", "75006",
            "Paris", "FR", "resa@procope.example"),
    Someone("DUPRE", "Boucherie Dupré", "7 rue Royale", "74000", "Annecy", "FR"),
    Someone("THERESE", "Cave à Vins Thérèse", "18 cours de l'Intendance", "33000", "Bordeaux",
            "FR", "cave@therese.example"),
    Someone("PARC-NICE", "Hôtel du Parc", "5 promenade des Anglais", "06000", "Nice", "FR",
            "parc@hotel.example"),
    Someone("HELENE", "Fleuriste Hélène", "2 place des Lices", "35000", "Rennes", "FR"),
    Someone("KER-BREIZH", "Crêperie Ker Breizh", "11 rue Kéréon", "29000", "Quimper", "FR"),
    Someone("GERARD", "Quincaillerie Gérard", "40 cours Berriat", "38000", "Grenoble", "FR"),
    Someone("BENOIT", "Opticien Benoît", "60 avenue Jean Jaurès", "69007", "Lyon", "FR"),
    Someone("MARTIN", "Boulangerie Martin", "12 rue des Lilas", "69001", "Lyon", "FR",
            "claire@martin.example", "+33 1 00 00 00 01"),
    Someone("MARTIN-FILS", "Martin & Fils", "80 boulevard Voltaire", "75011", "Paris", "FR"),
    Someone("XAVIER", "Xavier Conseil", "9 rue du Mail", "75002", "Paris", "FR",
            "xavier@conseil.example"),
    Someone("ACME", "Acme Ltd", "1 Baker Street", "NW1 6XE", "London", "GB",
            "buyer@acme.example", "+44 20 7946 0958"),
    Someone("ACME-SA", "Acme SA", "1 rue de la Paix", "75002", "Paris", "FR",
            "achats@acme-sa.example"),
    Someone("ACM", "ACM Industrie", "5 rue de l'Industrie", "38100", "Grenoble", "FR"),
    Someone("GASTHAUS", "Gasthaus Müller", "Friedrichstraße 101", "10117", "Berlin", "DE",
            "info@gasthaus.example", "+49 30 1234567"),
    Someone("SCHRODER", "Delikatessen Schröder", "Mönckebergstraße 7", "20095", "Hamburg",
            "DE"),
    Someone("ZOE", "Café Zoë", "Rue Haute 50", "1000", "Bruxelles", "BE",
            "zoe@cafe-zoe.example"),
    Someone("EXEMPLE", "Exemple & Associés", "3 rue Pasteur", "69008", "Lyon", "FR",
            "contact@exemple.example"),
    Someone("NORDIC", "Nordic Example Trading", "Amagertorv 1", "1160", "København K", "DK",
            "sales@nordic.example"),
)  # fmt: skip

ORDERS = (
    ("LEFEVRE", "PO-4471"),
    ("SOREN", "KBH-2026-017"),
    ("MARTIN", ""),
    ("ACME", "PO-77"),
    ("HOTEL-ETOILE", "BC 2026/118"),
    ("AERO", "PO-4471"),  # the same PO number at another customer, kept apart by customer
    ("GASTHAUS", "Bestellung 55"),
)
"""(customer, PO number) of the orders made, SO-00001 onwards."""


def load_world(bus: MessageBus) -> None:
    """The customers with their address and contact, a product, and `ORDERS`."""
    bus.handle(c.CreateTax(code="VAT20", rate=Decimal(20), manager=True))
    bus.handle(c.CreateProduct(code="BREAD", name="Bread", price=Decimal("2.40"), tax="VAT20"))
    for one in CUSTOMERS:
        bus.handle(
            c.CreateCustomer(code=one.code, name=one.name, vat_number=one.vat, email=one.email)
        )
        bus.handle(
            c.AddAddress(
                customer=one.code,
                code="MAIN",
                street=one.street,
                postal_code=one.postal_code,
                city=one.city,
                country=one.country,
            )
        )
        if one.phone:
            bus.handle(c.AddContact(customer=one.code, name="Desk", phone=one.phone))
    for customer, reference in ORDERS:
        line = c.LineInput(product="BREAD", quantity=Decimal(10))
        bus.handle(c.CreateOrder(customer=customer, lines=(line,), reference=reference))
