"""Import a form export from the command line, as the upload pages would."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tandem.applications.domain import importing
from tandem.applications.models import ImportPreset
from tandem.programs.models import Association, Edition
from tandem.tabular.errors import DayOrderQuestion, EncodingQuestion, FileRefused
from tandem.tabular.mapping import PRESETS_DIR, Mapping, load_preset


class Command(BaseCommand):
    help = "Preview a form export and, unless --dry-run, import it all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--edition", required=True, help="edition slug")
        parser.add_argument(
            "--association",
            help="two-letter code: every row is this association's, and a row "
            "naming another is refused, as on a national coordinator's page",
        )
        parser.add_argument("--role", choices=["mentor", "mentee"])
        parser.add_argument("--mapping", required=True, help="saved preset name")
        parser.add_argument("--encoding", default="", help="e.g. cp1250")
        parser.add_argument(
            "--merge-duplicates",
            action="store_true",
            help="merge each possible duplicate group (default: refuse them)",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        path = Path(options["file"])
        edition = Edition.objects.filter(slug=options["edition"]).first()
        if edition is None:
            raise CommandError(f"No edition {options['edition']!r}.")
        association = None
        if options["association"]:
            association = Association.objects.filter(
                country=options["association"].upper()
            ).first()
            if association is None:
                raise CommandError(f"No association {options['association']!r}.")
        mapping = self.mapping(options["mapping"], association)
        if association is not None:
            mapping.constants["association"] = association.country
        if options["role"]:
            mapping.constants["role"] = options["role"]
        try:
            table = importing.read_upload(
                path.read_bytes(),
                path.name,
                association=association,
                legacy_encoding=options["encoding"],
            )
            preview = importing.preview_import(
                edition, table, mapping, scope=association
            )
        except (FileRefused, EncodingQuestion, DayOrderQuestion) as exc:
            raise CommandError(f"refused: {exc}") from exc
        self.report(preview)
        if preview.errors:
            raise CommandError(f"{path.name}: refused, nothing imported.")
        if preview.duplicate_groups and not options["merge_duplicates"]:
            raise CommandError(
                f"{path.name}: possible duplicates; check them on the preview page "
                "or pass --merge-duplicates. Nothing imported."
            )
        if options["dry_run"]:
            self.stdout.write("dry run: nothing written")
            return
        try:
            result = importing.commit_import(
                edition,
                preview,
                actor=None,
                decisions=self.merge_all(preview),
                scope=association,
            )
        except importing.ImportRefused as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"imported: {result.created} created, {result.updated} updated, "
            f"{result.people_created} new people"
        )

    def mapping(self, name, association):
        preset = importing.presets_for(association).filter(name=name).first()
        if preset is not None:
            return Mapping.from_json(preset.mapping)
        try:
            return load_preset(name)
        except FileNotFoundError as exc:
            # The presets shipped with Tandem are usable by name too; an operator
            # has no page that lists them, so the refusal does.
            saved = ImportPreset.objects.values_list("name", flat=True)
            shipped = (path.stem for path in PRESETS_DIR.glob("*.json"))
            known = ", ".join(sorted({*saved, *shipped}))
            raise CommandError(f"No mapping {name!r}. Known: {known}") from exc

    def report(self, preview):
        totals = preview.totals()
        self.stdout.write(
            f"{preview.filename}: {totals['applications']} applications, "
            f"{totals['skipped']} skipped, {len(preview.errors)} errors, "
            f"{len(preview.warnings)} warnings, "
            f"{len(preview.duplicate_groups)} possible duplicates"
        )
        for issue in preview.errors + preview.warnings:
            where = ", ".join(
                part
                for part in (issue.row and f"row {issue.row}", issue.column)
                if part
            )
            self.stdout.write(f"  {issue.severity}: {where}: {issue.message}")
        for group in preview.duplicate_groups:
            refs = ", ".join(
                f"row {r}" if isinstance(r, int) else r for r in group.refs
            )
            self.stdout.write(f"  duplicate: {refs}: {group.reason}")

    def merge_all(self, preview):
        """Only with --merge-duplicates: the operator chose to merge every group."""
        return {str(i): importing.MERGE for i in range(len(preview.duplicate_groups))}
