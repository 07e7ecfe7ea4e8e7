import json

from django.core.management.base import BaseCommand

from techbridge.matching.recommend import recommendation_feedback_evaluation


class Command(BaseCommand):
    help = "Score today's recommendations against members' relevant / not relevant answers."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--depth", type=int, default=10, help="how many recommendations")

    def handle(self, *args, depth: int, **options) -> None:
        self.stdout.write(json.dumps(recommendation_feedback_evaluation(depth=depth)))
