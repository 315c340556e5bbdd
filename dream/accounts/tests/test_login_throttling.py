"""Guessing passwords: five failures for a username from one address lock it for 15 minutes."""

from django.urls import reverse

from dream.accounts.models import User


def sign_in(client, password, address="203.0.113.5"):
    return client.post(
        reverse("login"),
        {"username": "officer", "password": password},
        REMOTE_ADDR=address,
    )


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, db):
    User.objects.create_user("officer", password="correct-horse-battery")

    for _ in range(30):
        sign_in(client, "guess")
    response = sign_in(client, "correct-horse-battery")

    assert response.status_code == 429
    assert "로그인이 잠시 잠겼습니다" in response.content.decode()
    assert "15분 동안" in response.content.decode()
    assert not client.get(reverse("login")).wsgi_request.user.is_authenticated


def test_four_mistakes_then_the_right_password_signs_in(client, db):
    User.objects.create_user("officer", password="correct-horse-battery")

    for _ in range(4):
        assert sign_in(client, "guess").status_code == 200
    response = sign_in(client, "correct-horse-battery")

    assert response.status_code == 302
    assert client.get(reverse("login")).wsgi_request.user.is_authenticated


def test_a_lockout_holds_one_username_at_one_address(client, db):
    User.objects.create_user("officer", password="correct-horse-battery")
    for _ in range(5):
        sign_in(client, "guess", address="203.0.113.5")

    response = sign_in(client, "correct-horse-battery", address="198.51.100.7")

    assert response.status_code == 302
