import tempfile
import zipfile
from pathlib import Path

from django.http import FileResponse
from django.views.generic import TemplateView

from dream.opendata.services import (
    ENCODING,
    LICENSE,
    RESOURCES,
    SOURCE_DOCUMENTS,
    datapackage_export,
)
from dream.plans.selectors import latest_year


class DownloadsView(TemplateView):
    """Where the whole data package and the description of its tables are."""

    template_name = "web/downloads.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            resources=RESOURCES,
            year=latest_year(),
            license=LICENSE,
            source_documents=SOURCE_DOCUMENTS,
            encoding=ENCODING,
            **kwargs,
        )


def datapackage_zip(request):
    """The open-data package (datapackage.json + CSV files) as one zip, built on request
    into a temporary file and sent from it, so memory does not grow with the tables."""
    archive_file = tempfile.TemporaryFile()
    with tempfile.TemporaryDirectory() as directory:
        datapackage_export(directory=Path(directory))
        with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(directory).iterdir()):
                archive.write(path, arcname=f"dream-datapackage/{path.name}")
    archive_file.seek(0)
    return FileResponse(
        archive_file,
        as_attachment=True,
        filename="dream-datapackage.zip",
        content_type="application/zip",
    )
