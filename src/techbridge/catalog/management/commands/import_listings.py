from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from techbridge.accounts.models import User
from techbridge.catalog.importing import ImportFileError, import_parse, import_run
from techbridge.catalog.models import Need, Technology
from techbridge.organisations.models import Organisation


class Command(BaseCommand):
    help = "Import technologies or needs from a CSV or XLSX file: all rows or none."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="organisation slug")
        parser.add_argument("--kind", choices=["technology", "need"], required=True)
        parser.add_argument(
            "--as", dest="email", required=True, help="e-mail of the importing user"
        )
        parser.add_argument("--check", action="store_true", help="validate only, write nothing")

    def handle(
        self, *args, file: Path, organisation: str, kind: str, email: str, check: bool, **options
    ):
        owner = Organisation.objects.filter(slug=organisation).first()
        user = User.objects.filter(email__iexact=email).first()
        if owner is None or user is None:
            raise CommandError("unknown organisation or user")
        model = Technology if kind == "technology" else Need
        try:
            rows = import_parse(content=file.read_bytes(), filename=file.name, model=model)
        except (OSError, ImportFileError) as error:
            raise CommandError(str(error)) from error
        report = import_run(user=user, organisation=owner, model=model, rows=rows, dry_run=check)
        for error in report.errors:
            self.stdout.write(f"row {error['row']}\t{error['field']}\t{error['message']}")
        if not report.ok:
            raise CommandError(
                f"{len(report.errors)} problem(s) in {report.rows} rows; nothing imported"
            )
        verb = "valid" if check else f"{report.created} created, {report.updated} updated"
        self.stdout.write(f"{report.rows} rows: {verb}")
