"""Bounding an upload while Django reads the request, before any view sees the file."""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class UploadCap(FileUploadHandler):
    """Stops taking in an uploaded file once it passes `max_bytes`, so an oversized upload
    is neither held in memory nor written to a temporary file; the rest of the request
    body is read and dropped by Django, and the view names the cap (`refused`).

    Insert it first (`request.upload_handlers.insert(0, cap)`) before anything reads the
    body — with CSRF, Django's documented csrf_exempt + csrf_protect pattern."""

    refused = False

    def __init__(self, request, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.max_bytes:
            self.refused = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
