"""Which lobbying registers cover a city: its own list, else its country's; [] says none applies."""

import pytest
from django.core.exceptions import ValidationError

from ambassador.stakeholders.factories import CityFactory
from ambassador.stakeholders.registers import EU_TRANSPARENCY_REGISTER, country_registers

pytestmark = pytest.mark.django_db


def test_a_city_takes_its_countrys_registers_unless_it_lists_its_own():
    assert CityFactory(country="NL").registers == (EU_TRANSPARENCY_REGISTER,)
    assert CityFactory(country="VN").registers == ()
    assert CityFactory(country="VN", lobbying_registers=["Hanoi register of lobbyists"]).registers == (
        "Hanoi register of lobbyists",
    )
    assert CityFactory(country="ES", lobbying_registers=[]).registers == ()
    assert country_registers("gb") == ("UK Register of Consultant Lobbyists",)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("EU Transparency Register", "must be a list"),
        ([""], "must be a list"),
        ([3], "must be a list"),
        (["EU Transparency Register", "EU Transparency Register"], "listed twice"),
    ],
)
def test_a_city_refuses_registers_that_are_not_a_list_of_names(value, message):
    city = CityFactory.build(country="NL", slug="register-check", lobbying_registers=value)
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert message in str(error.value.message_dict["lobbying_registers"])
