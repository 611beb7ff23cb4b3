"""The home page's form: how a person wants their notifications e-mailed."""

from django import forms

from oversight.notifications.models import Delivery


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label="E-mail my notifications",
        choices=Delivery.choices,
        widget=forms.RadioSelect,
    )
