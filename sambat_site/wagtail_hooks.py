"""The operator guides in the admin's help menu (views in sambat_site.guides)."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import guides


@hooks.register("register_admin_urls")
def guide_urls():
    return [
        path("panduan/", guides.guide_view, name="sambat_guide_own"),
        path("panduan/img/<str:name>", guides.image_view, name="sambat_guide_image"),
        path("panduan/<slug:slug>/", guides.guide_view, name="sambat_guide"),
    ]


@hooks.register("register_help_menu_item")
def guide_menu_item():
    return MenuItem(
        _("Panduan petugas"),
        reverse("sambat_guide_own"),
        name="panduan-petugas",
        icon_name="help",
        order=10,
    )


@hooks.register("construct_help_menu")
def only_our_help(request, menu_items):
    """Wagtail's "Editor Guide" and "What's new" open English pages outside the installation;
    staff have their own guide in Indonesian."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]


@hooks.register("insert_global_admin_css")
def guide_css():
    return format_html('<link rel="stylesheet" href="{}">', static("guides/guides.css"))
