from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Situs publik")

    def ready(self):
        from django.core.cache import cache
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from pengaduan.models import Agency

        from .listing import AGENCY_CACHE_KEY

        def forget_agencies(**kwargs):
            cache.delete(AGENCY_CACHE_KEY)

        def forget_menus(**kwargs):
            from wagtail.models import Site

            from .templatetags.sambat import MENU_CACHE_KEY

            sites = Site.objects.values_list("pk", flat=True)
            cache.delete_many([MENU_CACHE_KEY.format(site=pk) for pk in sites])

        # Cached lists on every public page: the agencies of "Pilih OPD" and the menu.
        post_save.connect(forget_agencies, sender=Agency, weak=False)
        post_delete.connect(forget_agencies, sender=Agency, weak=False)
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_menus, weak=False)
        from wagtail.models import Page

        post_delete.connect(forget_menus, sender=Page, weak=False)
