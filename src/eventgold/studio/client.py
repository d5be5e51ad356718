"""The one place that talks to label_studio_sdk. Nothing of the SDK leaves this module.

Every call returns plain eventgold dataclasses or JSON-able values. Transient failures
(timeouts, connection errors, 5xx) are retried with backoff; what remains becomes a
:class:`ServerError` with a stable code and a message that never contains the token.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

import httpx
import orjson
from label_studio_sdk.core.api_error import ApiError

from eventgold.errors import Problem, ServerError
from eventgold.studio.connection import Connection
from eventgold.studio.lsjson import KEY_FIELD, ResultDict, TaskDict
from eventgold.studio.retry import RetryPolicy, call_with_retries

if TYPE_CHECKING:
    from label_studio_sdk import LabelStudio

T = TypeVar("T")

# Snapshot export options that make predictions and annotators full objects (see docs).
FULL_EXPORT_OPTIONS: dict[str, Any] = {
    "predictions": {"only_id": False},
    "annotations__completed_by": {"only_id": False},
}
KEY_LOOKUP_CHUNK = 100  # keys per Data Manager "or" filter (keeps the GET URL short)


@dataclass(frozen=True)
class Timeouts:
    """Seconds the server may stay silent on one HTTP request before it counts as timed out
    (and is retried per the :class:`RetryPolicy`).

    httpx applies them per network operation: to connecting and to each wait for the next
    bytes, so a download that keeps flowing is never cut. Small calls (look-ups, users,
    annotations) answer in well under a second; an import grows with the batch (~9 s for 500
    prediction-heavy tasks on a loaded 2-core machine) and a snapshot export with the whole
    project (~25 s for 2,000 such tasks), so they get more room.
    """

    request: float = 30.0
    imports: float = 120.0
    exports: float = 180.0

    @classmethod
    def every(cls, seconds: float) -> Timeouts:
        """The same timeout for every request (``--timeout``)."""
        return cls(seconds, seconds, seconds)

    @property
    def longest(self) -> float:
        return max(self.request, self.imports, self.exports)


@dataclass(frozen=True)
class UserInfo:
    id: int
    email: str


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    title: str
    task_count: int


@dataclass(frozen=True)
class AnnotationRef:
    """An annotation of a task, as far as eventgold needs to recognize it."""

    id: int
    completed_by: int | None
    ground_truth: bool
    result: list[dict[str, Any]]  # as stored (the server keeps results verbatim)


@dataclass(frozen=True)
class ImportResult:
    task_count: int
    prediction_count: int
    task_ids: tuple[int, ...]


def _detail(exc: ApiError) -> str:
    body = exc.body
    if isinstance(body, dict):
        parts = [str(body.get("detail", "")).strip()]
        errors = body.get("validation_errors")
        if errors:
            parts.append(json.dumps(errors, ensure_ascii=False))
        text = " ".join(p for p in parts if p)
        return text or json.dumps(body, ensure_ascii=False)[:500]
    return str(body)[:500] if body else "(no body)"


def _json_or_text(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text[:500]


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, httpx.TimeoutException | httpx.TransportError):
        return True
    return isinstance(exc, ApiError) and (exc.status_code or 0) >= 500


class StudioClient:
    """A Label Studio server seen through eventgold's needs."""

    def __init__(
        self,
        connection: Connection,
        *,
        retry: RetryPolicy | None = None,
        timeout: float | Timeouts | None = None,
    ) -> None:
        """``timeout``: seconds for every request, or per kind of request (default
        :class:`Timeouts`: 30 s, imports 120 s, exports 180 s)."""
        self.connection = connection
        self.retry = retry or RetryPolicy()
        if timeout is None:
            timeout = Timeouts()
        elif not isinstance(timeout, Timeouts):
            timeout = Timeouts.every(timeout)
        self.timeouts = timeout
        self._sdk: LabelStudio | None = None

    # ------------------------------------------------------------------ plumbing

    @property
    def sdk(self) -> LabelStudio:
        if self._sdk is None:
            # Imported here: the client module tree takes ~2 s to import, which every CLI
            # command would otherwise pay.
            from label_studio_sdk import LabelStudio

            # A personal access token is exchanged for an access token in the constructor.
            self._sdk = self._call(
                "connect",
                lambda: LabelStudio(  # type: ignore[no-untyped-call]
                    base_url=self.connection.url,
                    api_key=self.connection.token,
                    timeout=self.timeouts.request,  # bulk calls pass their own
                    # Our RetryPolicy is the only retry layer: the SDK's own (2 retries on
                    # 5xx/408/409/429 and dropped connections) would multiply the attempts and
                    # re-send an import blindly, bypassing the re-check that avoids duplicates.
                    max_retries=0,
                ),
            )
        return self._sdk

    def _give_up(self, what: str, timeout: float) -> Callable[[BaseException, int], BaseException]:
        def give_up(exc: BaseException, attempts: int) -> BaseException:
            url = self.connection.url
            if isinstance(exc, httpx.TimeoutException):
                code, msg = (
                    "EG533",
                    f"{what}: {url} timed out {attempts} times "
                    f"(no answer within {timeout:g} s per request)",
                )
            elif isinstance(exc, httpx.TransportError):
                code, msg = (
                    "EG531",
                    f"{what}: cannot reach Label Studio at {url} after {attempts} attempts "
                    f"({type(exc).__name__})",
                )
            else:
                status = exc.status_code if isinstance(exc, ApiError) else "?"
                detail = _detail(exc) if isinstance(exc, ApiError) else str(exc)
                code, msg = (
                    "EG532",
                    f"{what}: {url} answered {status} {attempts} times: {detail}",
                )
            return ServerError(Problem(code, msg))

        return give_up

    def _call(
        self,
        what: str,
        fn: Callable[[], T],
        *,
        rejected_code: str = "EG541",
        retry: RetryPolicy | None = None,
        before_retry: Callable[[int], None] | None = None,
        timeout: float | None = None,
    ) -> T:
        """``fn()`` with retries; ``timeout`` is the one its requests use (for the message)."""
        try:
            return call_with_retries(
                fn,
                retry or self.retry,
                is_transient=is_transient,
                give_up=self._give_up(what, timeout or self.timeouts.request),
                before_retry=before_retry,
            )
        except ApiError as exc:
            status = exc.status_code or 0
            if status in (401, 403):
                raise ServerError(
                    Problem(
                        "EG534",
                        f"{what}: {self.connection.url} refused the token ({status}: {_detail(exc)})",
                    )
                ) from None
            raise ServerError(
                Problem(
                    rejected_code,
                    f"{what}: {self.connection.url} answered {status}: {_detail(exc)}",
                )
            ) from None

    # ------------------------------------------------------------------ users

    def whoami(self) -> UserInfo:
        user = self._call("who am I", lambda: self.sdk.users.whoami())
        return UserInfo(int(user.id or 0), str(user.email or ""))

    def users(self) -> list[UserInfo]:
        found = self._call("list users", lambda: list(self.sdk.users.list()))
        return [UserInfo(int(u.id or 0), str(u.email or "")) for u in found]

    def ensure_user(self, email: str) -> UserInfo:
        """The user with ``email`` in the caller's organization, created if missing."""
        for user in self.users():
            if user.email == email:
                return user
        name = email.split("@", 1)[0]
        created = self._call(
            f"create user {email}",
            lambda: self.sdk.users.create(email=email, username=email, first_name=name),
        )
        return UserInfo(int(created.id or 0), str(created.email or email))

    # ------------------------------------------------------------------ projects

    def find_project(self, title: str) -> ProjectInfo | None:
        def find() -> ProjectInfo | None:
            project: Any
            for project in self.sdk.projects.list(title=title):
                if project.title == title and project.id is not None:
                    return ProjectInfo(project.id, title, int(project.task_number or 0))
            return None

        return self._call(f"find project {title!r}", find)

    def project(self, title: str) -> ProjectInfo:
        found = self.find_project(title)
        if found is None:
            raise ServerError(
                Problem("EG536", f"no project titled {title!r} on {self.connection.url}")
            )
        return found

    def create_project(self, title: str, label_config: str, description: str = "") -> ProjectInfo:
        created = self._call(
            f"create project {title!r}",
            lambda: self.sdk.projects.create(
                title=title, label_config=label_config, description=description
            ),
            rejected_code="EG540",
            retry=RetryPolicy(attempts=1),  # not idempotent: a timed-out create may have worked
        )
        return ProjectInfo(int(created.id or 0), title, 0)

    def label_config(self, project_id: int) -> str:
        project = self._call("read project", lambda: self.sdk.projects.get(project_id))
        return str(project.label_config or "")

    def set_label_config(self, project_id: int, label_config: str) -> None:
        self._call(
            "update the labeling config",
            lambda: self.sdk.projects.update(project_id, label_config=label_config),
            rejected_code="EG540",
        )

    def delete_project(self, project_id: int) -> None:
        self._call("delete project", lambda: self.sdk.projects.delete(project_id))

    # ------------------------------------------------------------------ tasks

    def keys_in_project(self, project_id: int, keys: Iterable[str]) -> dict[str, int]:
        """``{key: task id}`` of the tasks whose ``data.eventgold_key`` is one of ``keys``."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), KEY_LOOKUP_CHUNK):
            chunk = wanted[start : start + KEY_LOOKUP_CHUNK]
            query = json.dumps(
                {
                    "filters": {
                        "conjunction": "or",
                        "items": [
                            {
                                "filter": f"filter:tasks:data.{KEY_FIELD}",
                                "operator": "equal",
                                "type": "String",
                                "value": key,
                            }
                            for key in chunk
                        ],
                    }
                }
            )

            def lookup(query: str = query) -> dict[str, int]:
                out: dict[str, int] = {}
                task: Any
                for task in self.sdk.tasks.list(
                    project=project_id, query=query, fields="task_only", page_size=500
                ):
                    key = (task.data or {}).get(KEY_FIELD)
                    if isinstance(key, str) and task.id is not None:
                        out.setdefault(key, int(task.id))
                return out

            found.update(self._call("look up task keys", lookup))
        return found

    def task_keys(self, project_id: int) -> list[tuple[int, str | None]]:
        """(task id, key) of every task in the project, in id order."""

        def listing() -> list[tuple[int, str | None]]:
            out: list[tuple[int, str | None]] = []
            task: Any
            for task in self.sdk.tasks.list(project=project_id, fields="task_only", page_size=500):
                key = (task.data or {}).get(KEY_FIELD)
                out.append((int(task.id or 0), key if isinstance(key, str) else None))
            return sorted(out)

        return self._call("list tasks", listing)

    def import_tasks(
        self,
        project_id: int,
        tasks: Sequence[TaskDict],
        *,
        before_retry: Callable[[int], None] | None = None,
    ) -> ImportResult:
        """Import tasks (with predictions) in one request. Not retried blindly: pass
        ``before_retry`` to drop what a timed-out attempt already imported."""

        def send() -> ImportResult:
            if not tasks:  # everything arrived with an attempt that timed out
                return ImportResult(0, 0, ())
            # Posted as ready JSON through the SDK's own HTTP client (its base URL, auth and
            # token refresh): the SDK's generic request encoder walks every value in Python and
            # took ~10x longer than json.dumps on prediction-heavy batches. No SDK-internal
            # retries: a resent import would duplicate tasks (push re-checks keys instead).
            response = self.sdk._client_wrapper.httpx_client.request(
                f"api/projects/{project_id}/import",
                method="POST",
                params={"return_task_ids": True},
                content=orjson.dumps(list(tasks)),
                headers={"Content-Type": "application/json"},
                request_options={"max_retries": 0, "timeout": self.timeouts.imports},
            )
            if response.status_code >= 400:
                raise ApiError(
                    status_code=response.status_code,
                    headers=dict(response.headers),
                    body=_json_or_text(response),
                )
            body = response.json()
            return ImportResult(
                int(body.get("task_count") or 0),
                int(body.get("prediction_count") or 0),
                tuple(int(i) for i in body.get("task_ids") or ()),
            )

        return self._call(
            f"import {len(tasks)} tasks",
            send,
            before_retry=before_retry,
            timeout=self.timeouts.imports,
        )

    def create_annotation(
        self,
        task_id: int,
        result: Sequence[ResultDict],
        *,
        completed_by: int | None = None,
        lead_time: float | None = None,
        ground_truth: bool = False,
        unique_id: str | None = None,
    ) -> int | None:
        """Create an annotation (attributed to ``completed_by``); its id, or None when an
        annotation with this ``unique_id`` exists already (the server answers 409)."""
        uid = unique_id or str(uuid.uuid4())
        kwargs: dict[str, Any] = {"result": list(result), "unique_id": uid}
        if completed_by is not None:
            kwargs["completed_by"] = completed_by
        if lead_time is not None:
            kwargs["lead_time"] = lead_time
        if ground_truth:
            kwargs["ground_truth"] = True

        def create() -> int | None:
            try:
                created = self.sdk.annotations.create(task_id, **kwargs)
            except ApiError as exc:
                if exc.status_code == 409:
                    return None
                raise
            return int(created.id or 0)

        return self._call(f"annotate task {task_id}", create)

    def annotations(self, task_id: int) -> list[AnnotationRef]:
        """The annotations of a task, in id order."""

        def listing() -> list[AnnotationRef]:
            found: Any
            out = []
            for found in self.sdk.annotations.list(task_id):
                who = found.completed_by
                out.append(
                    AnnotationRef(
                        int(found.id or 0),
                        who if isinstance(who, int) else None,
                        bool(found.ground_truth),
                        [dict(item) for item in found.result or []],
                    )
                )
            return sorted(out, key=lambda a: a.id)

        return self._call(f"list annotations of task {task_id}", listing)

    def update_annotation(
        self,
        annotation_id: int,
        result: Sequence[ResultDict],
        *,
        ground_truth: bool,
        unique_id: str,
    ) -> None:
        """Replace an annotation's result (and its ``unique_id``, which names the content)."""
        self._call(
            f"update annotation {annotation_id}",
            lambda: self.sdk.annotations.update(
                annotation_id,
                result=cast(Any, list(result)),
                ground_truth=ground_truth,
                unique_id=unique_id,
            ),
        )

    # ------------------------------------------------------------------ export

    def export_snapshot(self, project_id: int) -> bytes:
        """The full JSON export (predictions and annotators as objects) as raw bytes."""

        slow: Any = {"timeout": self.timeouts.exports}  # the server builds the snapshot inline

        def export() -> bytes:
            exports = self.sdk.projects.exports
            snapshot = exports.create(
                project_id,
                title="eventgold pull",
                serialization_options=cast(Any, FULL_EXPORT_OPTIONS),
                request_options=slow,
            )
            assert snapshot.id is not None
            try:
                return b"".join(
                    exports.download(
                        project_id,
                        export_pk=snapshot.id,
                        export_type="JSON",
                        request_options=slow,
                    )
                )
            finally:
                exports.delete(project_id, export_pk=snapshot.id)

        return self._call("export the project", export, timeout=self.timeouts.exports)

    def export_plain(self, project_id: int) -> bytes:
        """The SDK's one-call JSON export (prediction ids only); used as a benchmark anchor."""
        return self._call(
            "export the project",
            lambda: b"".join(
                self.sdk.projects.exports.download_sync(
                    project_id,
                    export_type="JSON",
                    download_all_tasks=True,
                    request_options={"timeout": self.timeouts.exports},
                )
            ),
            timeout=self.timeouts.exports,
        )
