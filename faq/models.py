"""The FAQ knowledge base: Wagtail pages, edited with moderation, the AI's only source."""

from __future__ import annotations

from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class Category(models.TextChoices):
    SAMBAT_BUNDA = "sambat_bunda", _("Layanan Sambat Bunda")
    POPULATION = "population", _("Kependudukan")
    HEALTH = "health", _("Kesehatan")
    EDUCATION = "education", _("Pendidikan")
    TAX = "tax", _("Pajak dan Retribusi")
    PERMITS = "permits", _("Perizinan")
    SOCIAL = "social", _("Sosial")
    INFRASTRUCTURE = "infrastructure", _("Infrastruktur dan Lingkungan")
    DISASTER = "disaster", _("Bencana")
    ECONOMY = "economy", _("Pertanian dan Perdagangan")


class FaqIndexPage(Page):
    intro = RichTextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["faq.FaqPage"]
    max_count = 1

    class Meta:
        verbose_name = _("indeks FAQ")

    def get_context(self, request, *args, **kwargs):
        from .retrieval import search

        context = super().get_context(request, *args, **kwargs)
        pages = FaqPage.objects.live().child_of(self).order_by("category", "title")
        query = (request.GET.get("q") or "").strip()[:200]
        category = request.GET.get("kategori", "")
        if category in Category.values:
            pages = pages.filter(category=category)
        if query:
            # Any page sharing a word with the query; on a tiny FAQ, BM25's IDF can be zero.
            order = [
                hit.page_id for hit in search(query, limit=20) if hit.score > 0 or hit.coverage > 0
            ]
            by_id = {page.pk: page for page in pages.filter(pk__in=order)}
            pages = [by_id[pk] for pk in order if pk in by_id]
        groups = []
        if not query:
            labels = dict(Category.choices)
            by_category: dict[str, list] = {}
            for page in pages:
                by_category.setdefault(page.category, []).append(page)
            groups = [
                (value, labels[value], by_category[value])
                for value in Category.values
                if value in by_category
            ]
        context.update(
            {
                "faq_pages": pages,
                "groups": groups,
                "query": query,
                "category": category,
                "categories": Category.choices,
            }
        )
        return context


class FaqPage(Page):
    """One question and its answer. Only live (published) pages are ever quoted by the bot."""

    question = models.CharField(_("pertanyaan"), max_length=300)
    answer = RichTextField(_("jawaban"), features=["bold", "italic", "ol", "ul", "link"])
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    agency = models.ForeignKey(
        "pengaduan.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="faq_pages",
        verbose_name=_("OPD terkait"),
    )
    keywords = models.TextField(
        _("kata kunci dan sinonim"),
        blank=True,
        help_text=_("Kata lain yang dipakai warga, dipisah koma (mis. ktp, e-ktp, ktp-el)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("category"),
        FieldPanel("agency"),
        FieldPanel("keywords"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("question"),
        index.SearchField("answer"),
        index.SearchField("keywords"),
        index.FilterField("category"),
    ]
    parent_page_types = ["faq.FaqIndexPage"]
    subpage_types: list[str] = []
    # Its only reference is the agency, which is not content; skip the usage index on save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("halaman FAQ")
        verbose_name_plural = _("halaman FAQ")

    @property
    def plain_answer(self) -> str:
        """The answer as chat text: paragraphs, and each list item on a line of its own."""
        from .chat_text import chat_text

        return chat_text(self.answer)

    def short_answer(self, length: int = 700) -> str:
        """At most ``length`` characters, cut after the last whole line that fits when one
        does (a list is not cut mid-item), else after a word."""
        text = self.plain_answer
        if len(text) <= length:
            return text
        cut = text.rfind("\n", 0, length - 1)  # room for "\n…"
        if cut >= length // 2:
            return text[:cut].rstrip() + "\n…"
        return Truncator(text).chars(length)


class AiLog(models.Model):
    """Every answer the bot gave or withheld, with its sources and confidence [SPEC §6]."""

    question = models.TextField(_("pertanyaan"))
    answer = models.TextField(_("jawaban"), blank=True)
    method = models.CharField(_("cara"), max_length=10)
    confident = models.BooleanField(_("dikirim"), default=False)
    confidence = models.FloatField(_("keyakinan"), default=0)
    retrieved_page_ids = models.JSONField(_("halaman yang ditemukan"), default=list)
    source_urls = models.JSONField(_("sumber"), default=list)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("log jawaban AI")
        verbose_name_plural = _("log jawaban AI")

    def __str__(self) -> str:
        return Truncator(self.question).chars(60)

    @classmethod
    def record(cls, question: str, answer, page_ids: list[int]) -> AiLog:
        return cls.objects.create(
            question=question[:4000],
            answer=answer.text,
            method=answer.method,
            confident=answer.confident,
            confidence=answer.confidence,
            retrieved_page_ids=page_ids,
            source_urls=[source.url for source in answer.sources],
        )


class TextVector(models.Model):
    """A dense vector of a page text, content-addressed, so no worker embeds a page twice."""

    model = models.CharField(max_length=60)
    digest = models.CharField(max_length=40)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "digest"], name="faq_textvector_unique")
        ]

    def __str__(self):
        return f"{self.model}:{self.digest}"
