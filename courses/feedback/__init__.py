"""Feedback rounds (yhteiskehittäminen): staff ask learners about a course, learners answer, staff
read the results and tell what was done because of them.

- `models`: the tables, with anonymity built into them.
- `rounds`: drafting a round, its life cycle (draft -> open -> closed), its audience, and the open
  rounds that ask a learner.
- `answers`: a learner answers a round: save as they go, send once.
- `pool` and `sealing`: an anonymous round's drafts and sent answers wait sealed in a pool and are
  released at least five at a time, so that the database's own order says nothing about who answered.
- `results`: what the answers say, with themes on free-text answers.
- `compare`: two rounds on the same target side by side.
- `export`: a round's answers as CSV rows.
- `actions`: "you said, we did", and the news of it on My path.
"""
