from django.db import models


class AreaKind(models.TextChoices):
    PILLAR = "pillar", "추진과제"  # 추진과제1. 지방 디지털 재창조 프로젝트 추진
    AREA = "area", "분야"  # 1-1. 지방 디지털 혁신 생태계 조성
    SUB_AREA = "sub_area", "세부분야"  # 1-1-1. 지방 디지털 신산업 허브(Hub)로, 디지털 혁신지구 조성


class GoalKind(models.TextChoices):
    HEADLINE = "headline", "대표 목표"
    SUB = "sub", "분야별 목표"
