from django.urls import reverse

from dream.accounts.models import User


def test_a_person_signs_in_with_the_korean_form_and_out_again(client, db):
    User.objects.create_user("officer", password="correct-horse")

    page = client.get(reverse("login"))
    assert "로그인" in page.content.decode()
    response = client.post(reverse("login"), {"username": "officer", "password": "correct-horse"})
    assert response.status_code == 302
    assert client.get(reverse("login")).wsgi_request.user.is_authenticated
    client.post(reverse("logout"))
    assert not client.get(reverse("login")).wsgi_request.user.is_authenticated


def test_a_wrong_password_is_said_in_korean(client, db):
    response = client.post(reverse("login"), {"username": "nobody", "password": "x"})

    assert "아이디 또는 비밀번호가 맞지 않습니다" in response.content.decode()
