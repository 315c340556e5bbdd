from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "dream.ingest"
    label = "ingest"
    verbose_name = "문서 가져오기"
