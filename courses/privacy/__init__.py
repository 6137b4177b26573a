"""A person's privacy rights: everything Verstas holds about them in one download (`export`), and the
pseudonymisation of a closed account once its retention time has passed (`pseudonymise`).
"""
