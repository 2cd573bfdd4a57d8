# Django's Vietnamese formats do not group thousands; Vietnamese writes 1.250.000,5.
# Everything not set here falls back to django/conf/locale/vi/formats.py.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
