"""The council staff's dashboard at /staff/: where every negotiation of their city stands."""
