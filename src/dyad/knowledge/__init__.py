"""Reviewed knowledge: data files and the objects that load them."""
