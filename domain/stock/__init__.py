"""Stock: what is on hand per product and warehouse, every movement of it with who made it
and why, incoming supply with its dates, and the reservations confirmed orders hold.

A product is tracked once it has stock in a warehouse (received, adjusted, or opened by an
import); orders of products never tracked reserve nothing and ship as before.
"""
