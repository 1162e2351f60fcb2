"""The web app (``newsgraph serve``): server-rendered pages over a read-only database, and a JSON API.

Every request opens its own read-only connection (``mode=ro``; SQLite connections stay in
their thread) through the Python API (:class:`newsgraph.api.Database`) and closes it before
answering. Pages are Jinja2 templates with autoescaping: article text is untrusted (it may
hold ``<script>``, ``onerror=`` or ``javascript:`` links), so it is only ever inserted as
escaped text, and the highlighting is built from escaped pieces
(:func:`newsgraph.highlight.segments`). Filter values reach SQL as bound parameters. Scripts
and styles come from the package (``static/``), never from another site, and the
Content-Security-Policy header forbids anything else.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..api import Database
from ..errors import StoreError, UsageError
from ..highlight import event_id, marks_of, segments, statement_id
from ..model import PLOVER_CATEGORIES, Article, Extraction
from ..query import article_dict, plain_snippet, snippet_parts
from .charts import CATEGORY_COLORS, network_chart, timeline_chart

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"

#: Only the app's own scripts, styles and images; no plugins, frames, or form posts elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

#: Results per page on the HTML pages.
PAGE_SIZE = 25
#: Actors drawn in the network at most.
MAX_NETWORK_NODES = 40

Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many results.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many results.")]
Text = Annotated[str | None, Query(max_length=500)]


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) (links to anything else, e.g. ``javascript:``, are not made)."""
    if not url:
        return None
    scheme = urllib.parse.urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else None


def actor_path(name: str) -> str:
    """The actor page's path for a name (quoted: names may hold ``/``, ``?`` or markup)."""
    return "/actors/" + urllib.parse.quote(name, safe="")


def article_path(article_id: str) -> str:
    """The article page's path."""
    return "/articles/" + urllib.parse.quote(article_id, safe="")


def query_string(params: dict[str, Any]) -> str:
    """A URL query from the parameters that have a value."""
    return urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        actor_path=actor_path,
        article_path=article_path,
        safe_url=safe_url,
        query_string=query_string,
        snippet_parts=snippet_parts,
        categories=PLOVER_CATEGORIES,
        category_colors=CATEGORY_COLORS,
        version=__version__,
    )
    return env


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def create_app(db_path: str | Path) -> FastAPI:
    """The app for the database at ``db_path`` (opened read-only, per request)."""
    path = Path(db_path)
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Statements, PLOVER events and actors found in news articles, read-only.",
        docs_url=None,  # FastAPI's docs pages load their scripts from a CDN; the schema stays.
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    templates = Jinja2Templates(env=_environment())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @contextmanager
    def database() -> Iterator[Database]:
        db = Database(path)
        try:
            yield db
        finally:
            db.close()

    def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("api_url", None)
        return templates.TemplateResponse(request, template, context, status_code=status_code)

    def listing_page(
        request: Request,
        template: str,
        found: Sequence[Any],
        page_number: int,
        filters: dict[str, str | None],
        api_path: str,
        rows_name: str = "rows",
        **context: Any,
    ) -> HTMLResponse:
        """One page of a list fetched with one row more than a page shows (so that the page
        knows whether another follows), with its filters and its JSON twin."""
        context[rows_name] = list(found)[:PAGE_SIZE]
        return page(
            request,
            template,
            more=len(found) > PAGE_SIZE,
            page_number=page_number,
            filters=filters,
            api_url=api_path + "?" + query_string(filters),
            **context,
        )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def error(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return page(request, "error.html", status_code=status, status=status, message=message)

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if (
            exc.status_code == 404
            and not _wants_json(request)
            and not request.url.path.startswith("/static/")
        ):
            return error(request, 404, str(exc.detail))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    # --- JSON API -------------------------------------------------------------------------------

    @app.get("/api/articles", tags=["api"], summary="Articles (no text), newest first or best match first")
    def api_articles(
        q: Text = None,
        since: Text = None,
        until: Text = None,
        source: Text = None,
        actor: Text = None,
        category: Text = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        with database() as db:
            return db.search(
                q,
                since=since,
                until=until,
                source=source,
                actor=actor,
                category=category,
                limit=limit,
                offset=offset,
            ).to_dicts()

    @app.get("/api/search", tags=["api"], summary="Full-text search over articles")
    def api_search(
        q: Annotated[str, Query(min_length=1, max_length=500)],
        since: Text = None,
        until: Text = None,
        source: Text = None,
        actor: Text = None,
        category: Text = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        return api_articles(q, since, until, source, actor, category, limit, offset)

    @app.get("/api/articles/{article_id:path}", tags=["api"], summary="An article with what was found in it")
    def api_article(article_id: str) -> dict[str, Any]:
        with database() as db:
            article = db.article(article_id)
            if article is None:
                raise HTTPException(404, f"no article {article_id!r}")
            extraction = db.extraction(article.id)
            members = db.reader.cluster_members(article.cluster or article.id)
            status = db.reader.extraction_status(article.id)
        found = extraction if extraction is not None else Extraction(article)
        return {
            "article": article_dict(article),
            "status": status,
            "cluster_members": members,
            # What was found, as ``newsgraph extract`` prints it: for a wire copy, its
            # representative's (offsets index into ``extraction["text"]``).
            "extraction": found.to_dict(),
        }

    @app.get("/api/statements", tags=["api"], summary="Attributed statements, newest first")
    def api_statements(
        speaker: Text = None,
        since: Text = None,
        until: Text = None,
        q: Text = None,
        article: Text = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        with database() as db:
            return db.statements(
                speaker=speaker,
                since=since,
                until=until,
                query=q,
                article=article,
                limit=limit,
                offset=offset,
            ).to_dicts()

    @app.get("/api/events", tags=["api"], summary="PLOVER events, latest first")
    def api_events(
        category: Text = None,
        actor: Text = None,
        source: Text = None,
        target: Text = None,
        since: Text = None,
        until: Text = None,
        article: Text = None,
        negated: bool | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        with database() as db:
            return db.events(
                category=category,
                actor=actor,
                source=source,
                target=target,
                since=since,
                until=until,
                article=article,
                negated=negated,
                limit=limit,
                offset=offset,
            ).to_dicts()

    @app.get("/api/actors", tags=["api"], summary="Actors, most active first")
    def api_actors(name: Text = None, limit: Limit = 100) -> list[dict[str, Any]]:
        with database() as db:
            return db.actors(name=name, limit=limit).to_dicts()

    @app.get("/api/actors/{name:path}", tags=["api"], summary="One actor: who, what it said, its events")
    def api_actor(name: str, limit: Limit = 100) -> dict[str, Any]:
        with database() as db:
            profile = db.actor(name, limit=limit)
        if profile is None:
            raise HTTPException(404, f"no actor {name!r}")
        return profile.to_dict()

    @app.get("/api/timeline", tags=["api"], summary="Events per day by category, mean Goldstein score")
    def api_timeline(
        actor: Text = None, category: Text = None, since: Text = None, until: Text = None
    ) -> list[dict[str, Any]]:
        with database() as db:
            return db.timeline(actor=actor, category=category, since=since, until=until).to_dicts()

    @app.get("/api/network", tags=["api"], summary="Who acts on whom: actors and weighted links")
    def api_network(
        actor: Text = None,
        category: Text = None,
        since: Text = None,
        until: Text = None,
        max_nodes: Annotated[int, Query(ge=1, le=500)] = MAX_NETWORK_NODES,
    ) -> dict[str, Any]:
        with database() as db:
            return db.network(
                actor=actor, category=category, since=since, until=until, max_nodes=max_nodes
            ).to_dict()

    # --- pages ----------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: Text = None,
        since: Text = None,
        until: Text = None,
        source: Text = None,
        actor: Text = None,
        category: Text = None,
        page_number: Annotated[int, Query(alias="page", ge=1, le=10000)] = 1,
    ) -> HTMLResponse:
        filters = {
            "q": q,
            "since": since,
            "until": until,
            "source": source,
            "actor": actor,
            "category": category,
        }
        with database() as db:
            hits = db.search(
                q,
                since=since,
                until=until,
                source=source,
                actor=actor,
                category=category,
                limit=PAGE_SIZE + 1,
                offset=(page_number - 1) * PAGE_SIZE,
            )
            counts = db.counts()
        return listing_page(
            request,
            "search.html",
            hits,
            page_number,
            filters,
            "/api/articles",
            rows_name="hits",
            counts=counts,
        )

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        with database() as db:
            article = db.article(article_id)
            if article is None:
                raise HTTPException(404, f"no article {article_id!r}")
            extraction = db.extraction(article.id)
            members = db.reader.cluster_members(article.cluster or article.id)
            status = db.reader.extraction_status(article.id)
        return page(
            request,
            "article.html",
            **_article_context(article, extraction),
            status=status,
            members=[m for m in members if m != article.id],
            api_url="/api/articles/" + urllib.parse.quote(article.id, safe=""),
        )

    @app.get("/statements", response_class=HTMLResponse, include_in_schema=False)
    def statements_page(
        request: Request,
        speaker: Text = None,
        since: Text = None,
        until: Text = None,
        q: Text = None,
        page_number: Annotated[int, Query(alias="page", ge=1, le=10000)] = 1,
    ) -> HTMLResponse:
        filters = {"speaker": speaker, "since": since, "until": until, "q": q}
        with database() as db:
            rows = db.statements(
                speaker=speaker,
                since=since,
                until=until,
                query=q,
                limit=PAGE_SIZE + 1,
                offset=(page_number - 1) * PAGE_SIZE,
            )
        return listing_page(request, "statements.html", rows, page_number, filters, "/api/statements")

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        category: Text = None,
        actor: Text = None,
        source: Text = None,
        target: Text = None,
        since: Text = None,
        until: Text = None,
        page_number: Annotated[int, Query(alias="page", ge=1, le=10000)] = 1,
    ) -> HTMLResponse:
        filters = {
            "category": category,
            "actor": actor,
            "source": source,
            "target": target,
            "since": since,
            "until": until,
        }
        with database() as db:
            rows = db.events(
                category=category,
                actor=actor,
                source=source,
                target=target,
                since=since,
                until=until,
                limit=PAGE_SIZE + 1,
                offset=(page_number - 1) * PAGE_SIZE,
            )
        return listing_page(request, "events.html", rows, page_number, filters, "/api/events")

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, name: Text = None) -> HTMLResponse:
        with database() as db:
            actors = db.actors(name=name, limit=500)
        return page(
            request,
            "actors.html",
            actors=actors,
            filters={"name": name},
            api_url="/api/actors?" + query_string({"name": name}),
        )

    @app.get("/actors/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, name: str) -> HTMLResponse:
        with database() as db:
            profile = db.actor(name, limit=200)
        if profile is None:
            raise HTTPException(404, f"no actor {name!r}")
        return page(
            request,
            "actor.html",
            profile=profile,
            api_url="/api/actors/" + urllib.parse.quote(profile.actor.name, safe=""),
        )

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(
        request: Request,
        actor: Text = None,
        category: Text = None,
        since: Text = None,
        until: Text = None,
    ) -> HTMLResponse:
        filters = {"actor": actor, "category": category, "since": since, "until": until}
        with database() as db:
            days = db.timeline(actor=actor, category=category, since=since, until=until)
        return page(
            request,
            "timeline.html",
            days=days,
            chart=timeline_chart(days),
            filters=filters,
            api_url="/api/timeline?" + query_string(filters),
        )

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(
        request: Request,
        actor: Text = None,
        category: Text = None,
        since: Text = None,
        until: Text = None,
    ) -> HTMLResponse:
        filters = {"actor": actor, "category": category, "since": since, "until": until}
        with database() as db:
            graph = db.network(
                actor=actor, category=category, since=since, until=until, max_nodes=MAX_NETWORK_NODES
            )
        return page(
            request,
            "network.html",
            graph=graph,
            chart=network_chart(graph.nodes, graph.links),
            filters=filters,
            api_url="/api/network?" + query_string(filters),
        )

    return app


def _article_context(article: Article, extraction: Extraction | None) -> dict[str, Any]:
    """What the article template needs: the text as escaped-later pieces with their marks."""
    own = extraction is not None and extraction.article.id == article.id
    marks = marks_of(extraction) if own and extraction is not None else []
    pieces = [
        {
            "text": segment.text,
            "ids": " ".join(segment.ids),
            "classes": " ".join(f"hl-{kind}" for kind in segment.kinds),
        }
        for segment in segments(article.text, marks)
    ]
    found = extraction if extraction is not None else Extraction(article)
    return {
        "article": article,
        "url": safe_url(article.url),
        "pieces": pieces,
        "own_extraction": own,
        "representative": found.article,
        "statements": [(statement_id(i), s) for i, s in enumerate(found.statements)],
        "events": [(event_id(i), e) for i, e in enumerate(found.events)],
        "entities": found.entities,
        "plain_snippet": plain_snippet,
    }
