// Keeps the tracking page current: fetches the JSON and rebuilds the changing parts.
// Text goes in with textContent only, so nothing from the data is ever parsed as HTML.
(function () {
  "use strict";
  var url = window.location.pathname + ".json";
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function icon(text) {
    var node = el("span", text, "icon");
    node.setAttribute("aria-hidden", "true");
    return node;
  }
  function shipment(d, s) {
    var card = el("div", null, "card shipment");
    card.dataset.status = s.status;
    card.append(el("strong", d.words.shipment + " " + s.number), " — ", icon(s.icon),
      el("span", s.status_text, "shipment-status"));
    if (s.planned_text && (s.status === "pending" || s.status === "ready")) {
      card.append(el("div", d.words.planned + " " + s.planned_text, "muted"));
    }
    if (s.carrier) card.append(el("div", d.labels.carrier + s.carrier));
    if (s.tracking_number) {
      var number = el(s.tracking_url ? "a" : "span", s.tracking_number, "tracking");
      if (s.tracking_url) {
        number.href = s.tracking_url;
        number.rel = "noopener noreferrer";
        number.target = "_blank";
      }
      var line = el("div", d.labels.tracking_number);
      line.append(number);
      card.append(line);
    }
    var list = el("ul");
    s.products.forEach(function (p) {
      list.append(el("li", p.quantity_text + " × " + p.product + (p.description ? " — " + p.description : "")));
    });
    card.append(list);
    return card;
  }
  function render(d) {
    var status = document.getElementById("status");
    status.dataset.status = d.status;
    status.replaceChildren(icon(d.icon), d.status_text);
    document.getElementById("shipments").replaceChildren.apply(
      document.getElementById("shipments"), d.shipments.map(function (s) { return shipment(d, s); }));
    var rows = d.lines.map(function (ln) {
      var tr = el("tr");
      tr.append(el("td", ln.quantity_text + " × " + ln.product + (ln.description ? " — " + ln.description : "")),
        el("td", ln.net_text, "num"));
      return tr;
    });
    (d.total_rows_text || []).forEach(function (r) {
      if (r.what === "total") { return; }
      var sum = el("tr", null, "sum");
      sum.append(el("td", r.label), el("td", r.amount_text, "num"));
      rows.push(sum);
    });
    var total = el("tr", null, "total");
    var cell = el("td", d.totals_text.gross, "num");
    cell.id = "total";
    total.append(el("td", d.words.total), cell);
    rows.push(total);
    var table = document.getElementById("lines");
    table.replaceChildren.apply(table, rows);
    var timeline = document.getElementById("timeline");
    timeline.replaceChildren.apply(timeline, d.timeline.map(function (e) {
      var li = el("li");
      li.append(el("span", e.at_text, "muted"), el("br"), e.text);
      return li;
    }));
    document.getElementById("live").textContent =
      d.words.live + " " + d.words.updated + " " + new Date().toLocaleTimeString();
  }
  function invalid() {
    document.querySelector("main").replaceChildren(el("h1", "Link not valid"),
      el("p", "This link is not valid. Ask the sender for a new one."));
  }
  function tick() {
    fetch(url, { cache: "no-store", credentials: "omit" }).then(function (response) {
      if (response.status === 404) { invalid(); return null; }
      if (response.ok) return response.json().then(render);
      return null;
    }).catch(function () { return null; }).then(function (stopped) {
      if (document.querySelector("#status")) window.setTimeout(tick, REFRESH_MS);
    });
  }
  window.setTimeout(tick, REFRESH_MS);
})();
