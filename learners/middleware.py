from config.logging import personal_values_of
from learners.identity import learner_from_request


class LearnerMiddleware:
    """Sets `request.learner`: the villager this phone belongs to, or None.

    While the request runs, the learner's name (and a name being posted) is kept out of every log line.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.learner = learner_from_request(request)
        with personal_values_of(request):
            return self.get_response(request)
