# Bump when the notice in learners/templates/learners/_privacy_notice.html changes in substance: each
# learner's consent records the version they agreed to.
PRIVACY_NOTICE_VERSION = "2026-11-22.3"  # .2: the retention period; .3: what deleting keeps
