"""What a villager sees on a lesson page."""

import re

import pytest

from courses.models import LessonVisit
from learners.services import learner_join


def test_lesson_page_renders(client, lessons):
    response = client.get(lessons[0].url)
    assert response.status_code == 200
    print(response.content.decode())
