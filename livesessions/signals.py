"""What livesessions tells the rest of the project about facts it wrote with raw SQL (no model signal fires).

Sent inside the writing transaction, so a receiver's own writes commit or roll back with the fact.
"""

from django.dispatch import Signal

# A new check-in: session_id, learner_id (None never, at the time of writing), village_id.
checkin_recorded = Signal()
# Points connected to classes: pairs, a list of (session_id, point_id).
points_connected = Signal()
