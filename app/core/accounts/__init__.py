"""Accounts: users and their roles, groups, sign-in codes and passwords."""
