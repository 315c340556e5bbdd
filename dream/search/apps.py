from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "dream.search"
    label = "search"
    verbose_name = "검색"
