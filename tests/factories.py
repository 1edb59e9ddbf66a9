"""Factories for the rows tests need; complaints themselves go through workflow.services."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pengaduan.models import Agency, Reporter, StaffProfile


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("short_name",)

    short_name = factory.Sequence(lambda n: f"OPD{n}")
    name = factory.LazyAttribute(lambda o: f"Dinas Uji {o.short_name}")
    kind = Agency.Kind.DINAS
    admin_whatsapp = factory.Sequence(lambda n: f"+6281100{n:05d}")


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    name = factory.Sequence(lambda n: f"Warga Uji {n}")
    whatsapp_number = factory.Sequence(lambda n: f"+6285700{n:05d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"petugas{n}")
    first_name = factory.Sequence(lambda n: f"Petugas {n}")
    is_staff = True
    password = factory.django.Password("rahasia-uji-123")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def agency(self, create, extracted, **kwargs):
        if extracted is not None or not StaffProfile.objects.filter(user=self).exists():
            StaffProfile.objects.update_or_create(user=self, defaults={"agency": extracted})
