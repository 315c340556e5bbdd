"""Bounding an upload while Django reads the request, before any view sees the file."""

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

MEGABYTE = 1024 * 1024


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


class CappedUploadForm(forms.Form):
    """The form of a `file` upload an `UploadCap` bounds. When the cap dropped the file, the
    field names the cap and what to do instead of saying "required"."""

    max_bytes = 2 * MEGABYTE
    verb = "올릴"
    advice = "필요 없는 시트나 서식을 지우고 다시 저장하세요."

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if too_large:
            self.fields["file"].error_messages["required"] = self.too_large_message()

    @classmethod
    def too_large_message(cls) -> str:
        return (
            f"파일이 너무 큽니다. {cls.max_bytes // MEGABYTE} MB까지 {cls.verb} 수 있습니다. "
            f"{cls.advice}"
        )
