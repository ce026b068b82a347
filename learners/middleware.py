from learners.identity import learner_from_request


class LearnerMiddleware:
    """Sets `request.learner`: the villager this phone belongs to, or None."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.learner = learner_from_request(request)
        return self.get_response(request)
