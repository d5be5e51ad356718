"""The Label Studio adapter: the only module that imports label_studio_sdk.

Library use (no CLI needed)::

    from eventgold.studio import StudioClient, resolve_connection, load_documents, push_documents
    client = StudioClient(resolve_connection())            # local server, or --url + token
    push_documents(client, load_documents(["seeds/"], table), "news", table)
    result = pull_project(client, "news", table)            # one record per annotation + predictions
    write_pull(result, Path("pulled.jsonl"))

Nothing here returns a label_studio_sdk type: records, dataclasses and JSON only.
"""

from eventgold.studio.client import ImportResult, ProjectInfo, StudioClient, Timeouts, UserInfo
from eventgold.studio.config import StudioConfig, label_config_xml, studio_config
from eventgold.studio.connection import Connection, resolve_connection
from eventgold.studio.convert import (
    Content,
    ProvenancePolicy,
    ResultSource,
    document_task,
    prediction_of,
    record_results,
    results_to_content,
)
from eventgold.studio.pull import (
    PullReport,
    PullResult,
    convert_export,
    parse_export,
    pull_file,
    pull_project,
    write_pull,
)
from eventgold.studio.push import (
    PushDocument,
    PushReport,
    add_annotation,
    load_documents,
    push_documents,
)
from eventgold.studio.retry import RetryPolicy
from eventgold.studio.server import (
    ServerState,
    ServerStatus,
    server_status,
    start_server,
    stop_server,
)

__all__ = [
    "Connection",
    "Content",
    "ImportResult",
    "ProjectInfo",
    "ProvenancePolicy",
    "PullReport",
    "PullResult",
    "PushDocument",
    "PushReport",
    "ResultSource",
    "RetryPolicy",
    "ServerState",
    "ServerStatus",
    "StudioClient",
    "StudioConfig",
    "Timeouts",
    "UserInfo",
    "add_annotation",
    "convert_export",
    "document_task",
    "label_config_xml",
    "load_documents",
    "parse_export",
    "prediction_of",
    "pull_file",
    "pull_project",
    "push_documents",
    "record_results",
    "resolve_connection",
    "results_to_content",
    "server_status",
    "start_server",
    "stop_server",
    "studio_config",
    "write_pull",
]
