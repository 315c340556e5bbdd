from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "dream.pipeline"
    label = "pipeline"
    verbose_name = "지방 디지털 사업 발굴(수요·트랙2)"
