"""What a learner lets Verstas hand to the partner education provider: their consent and the export
of their recognised sub-areas in the shape of eHOKS' previously acquired common units (YTO).
"""
