from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.branding import brand_css, favicon
from pengaduan.channels import sms, webchat, whatsapp

urlpatterns = [
    path("tema.css", brand_css, name="brand_css"),
    path("favicon.ico", favicon, name="favicon"),
    path("whatsapp/webhook/", whatsapp.webhook, name="whatsapp_webhook"),
    path("sms/masuk/", sms.webhook, name="sms_webhook"),
    path("chat/api/start/", webchat.start, name="webchat_start"),
    path("chat/api/history/", webchat.history, name="webchat_history"),
    path("chat/api/message/", webchat.message, name="webchat_message"),
    path("chat/api/upload/", webchat.upload, name="webchat_upload"),
    path("open311/v2/", include("open311.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "sambat_site.errors.invalid"
handler403 = "sambat_site.errors.forbidden"
