"""ASGI bridge that makes fakesnow's server answer the way snowflake-sdk (Node) reads results.

fakesnow answers row-returning queries with Arrow (`rowsetBase64`), which only the Python and JDBC
connectors decode; the Node driver reads JSON rowsets only. This layer rewrites each
`/queries/v1/query-request` answer into the JSON rowset format parsed by
snowflake-sdk's lib/connection/result/column.js, and passes every other route through untouched.
Requests go through as sent: the driver gzips their bodies and fakesnow already inflates them.

Run with: uvicorn bridge:app --host 127.0.0.1 --port PORT
"""

from __future__ import annotations

import base64
import gzip
import importlib
import json
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pyarrow as pa

# `fakesnow.server` the attribute is a function in fakesnow/__init__ that shadows the module.
fakesnow_server = importlib.import_module("fakesnow.server")
fakesnow_app = fakesnow_server.app

# The Node driver types each bind from its first row, so a later row's null arrives as e.g.
# {"type": "FIXED", "value": null}, and fakesnow's converter calls int(None) on it.
_from_binding = fakesnow_server.from_binding
fakesnow_server.from_binding = lambda binding: None if binding["value"] is None else _from_binding(binding)

QUERY_PATH = "/queries/v1/query-request"
# fakesnow stores uploaded stage files under this path (PUT only).
BUCKET_PREFIX = "/fs_bucket/"

# fakesnow answers PUT with a GCS-style presigned-URL descriptor; snowflake-sdk's GCS client also reads
# the stage's region (lower-cased unguarded), useRegionalUrl and endPoint, which real Snowflake sends.
GCS_STAGE_DEFAULTS = {"region": "us-central1", "useRegionalUrl": False, "endPoint": None}

# Real Snowflake sends the session's output formats with every result; the driver reads them from
# there (BINARY_OUTPUT_FORMAT is mandatory: the binary converter asserts HEX or BASE64) and uses the
# others for getColumnValueAsString. These are Snowflake's documented defaults.
DEFAULT_RESULT_PARAMETERS = {
    "TIMEZONE": "Etc/UTC",
    "DATE_OUTPUT_FORMAT": "YYYY-MM-DD",
    "TIME_OUTPUT_FORMAT": "HH24:MI:SS",
    "TIMESTAMP_OUTPUT_FORMAT": "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM",
    "TIMESTAMP_NTZ_OUTPUT_FORMAT": "YYYY-MM-DD HH24:MI:SS.FF3",
    "TIMESTAMP_LTZ_OUTPUT_FORMAT": "",
    "TIMESTAMP_TZ_OUTPUT_FORMAT": "",
    "BINARY_OUTPUT_FORMAT": "HEX",
}

# Snowflake's code for an internal error; used when fakesnow or this bridge fails on a statement.
INTERNAL_ERROR_CODE = "261000"


def _fixed(value: Any) -> str:
    # Plain notation: the driver feeds the text to Number() or big-integer, and bigInt rejects "1E+2".
    return format(value, "f") if isinstance(value, Decimal) else str(int(value))


def _real(value: float) -> str:
    # Number("inf") is NaN in JS; "Infinity" is what Number() understands.
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(float(value))


def _json_text(value: Any) -> str:
    # duckdb JSON columns arrive as text already; anything else is serialised so the driver can parse it.
    return value if isinstance(value, str) else json.dumps(value)


def _scalar(to_text: Callable[[Any], str]) -> Callable[[pa.Array], list[str | None]]:
    return lambda column: [None if v is None else to_text(v) for v in column.to_pylist()]


def _dates(column: pa.Array) -> list[str | None]:
    # The driver multiplies the cell by 86400: it expects days since 1970-01-01.
    return [None if v is None else str(v) for v in column.cast(pa.int32()).to_pylist()]


def _seconds(nanos: int) -> str:
    # The driver reads the cell as a decimal number of seconds and scales it by the rowtype's scale (9).
    sign = "-" if nanos < 0 else ""
    whole, fraction = divmod(abs(nanos), 1_000_000_000)
    return f"{sign}{whole}.{fraction:09d}"


def _times(column: pa.Array) -> list[str | None]:
    # fakesnow sends TIME as int64 nanoseconds since midnight.
    return [None if v is None else _seconds(v) for v in column.to_pylist()]


def _timestamps(column: pa.Array) -> list[str | None]:
    # fakesnow sends timestamps as structs {epoch, fraction[, timezone]} (a null is a struct of nulls),
    # with epoch floored to the second and a non-negative fraction, so 1969-12-31 23:59:59.5 is
    # (-1, 500000000): the cell must be their sum, "-0.500000000". TIMESTAMP_TZ cells in result
    # version 1 end with " <offset minutes + 1440>".
    cells: list[str | None] = []
    for ts in column.to_pylist():
        if ts is None or ts.get("epoch") is None:
            cells.append(None)
            continue
        cell = _seconds(ts["epoch"] * 1_000_000_000 + (ts["fraction"] or 0))
        if "timezone" in ts:
            cell += f" {ts['timezone'] if ts['timezone'] is not None else 1440}"
        cells.append(cell)
    return cells


CONVERTERS: dict[str, Callable[[pa.Array], list[str | None]]] = {
    "fixed": _scalar(_fixed),
    "real": _scalar(_real),
    "text": _scalar(str),
    "boolean": _scalar(lambda v: "1" if v else "0"),
    "date": _dates,
    "time": _times,
    "timestamp_ntz": _timestamps,
    "timestamp_ltz": _timestamps,
    "timestamp_tz": _timestamps,
    "variant": _scalar(_json_text),
    "object": _scalar(_json_text),
    "array": _scalar(_json_text),
    "binary": _scalar(lambda v: bytes(v).hex().upper()),
}


def arrow_to_json_rowset(rowset_base64: str, rowtype: list[dict[str, Any]]) -> list[list[str | None]]:
    if not rowset_base64:
        return []
    table = pa.ipc.open_stream(base64.b64decode(rowset_base64)).read_all()
    columns = [CONVERTERS[meta["type"]](table.column(i).combine_chunks()) for i, meta in enumerate(rowtype)]
    return [list(row) for row in zip(*columns, strict=True)]


def to_node_result(payload: dict[str, Any]) -> dict[str, Any]:
    data = payload.get("data")
    if not payload.get("success") or not isinstance(data, dict):
        return payload
    stage_info = data.get("stageInfo")
    if isinstance(stage_info, dict) and stage_info.get("locationType") == "GCS":
        data["stageInfo"] = {**GCS_STAGE_DEFAULTS, **stage_info}
    if data.get("queryResultFormat") == "arrow":
        data["rowset"] = arrow_to_json_rowset(data.pop("rowsetBase64", ""), data.get("rowtype") or [])
        data["queryResultFormat"] = "json"
    if "rowset" in data:
        data["returned"] = len(data["rowset"])
        # Result version 1: TIMESTAMP_TZ cells carry their offset after a space (column.js reads the
        # packed version-0 encoding otherwise).
        data.setdefault("version", 1)
        sent = {p["name"]: p["value"] for p in data.get("parameters") or []}
        data["parameters"] = [{"name": k, "value": v} for k, v in {**DEFAULT_RESULT_PARAMETERS, **sent}.items()]
    # "0" = done. snowflake-sdk 3.3.0 reads only 333333/333334 here (still running: it then polls
    # GET /queries/<id>/result, which fakesnow lacks), so any other code is safe; "0" states it.
    if payload.get("code") is None:
        payload["code"] = "0"
    return payload


def failure(message: str) -> dict[str, Any]:
    # A 5xx makes the driver retry for many minutes; a Snowflake error fails the statement at once.
    return {
        "data": {"errorCode": INTERNAL_ERROR_CODE, "sqlState": "XX000"},
        "code": INTERNAL_ERROR_CODE,
        "message": f"fakesnow bridge: {message}",
        "success": False,
    }


async def not_found(send: Callable) -> None:
    await send({"type": "http.response.start", "status": 404, "headers": [(b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


async def app(scope: dict[str, Any], receive: Callable, send: Callable) -> None:
    if scope["type"] == "http" and scope["path"].startswith(BUCKET_PREFIX) and scope["method"] in ("GET", "HEAD"):
        # Before uploading, the driver asks whether the file exists; "no" (404) lets it upload.
        await not_found(send)
        return
    if scope["type"] != "http" or scope["path"] != QUERY_PATH:
        await fakesnow_app(scope, receive, send)
        return

    start: dict[str, Any] = {}
    body = bytearray()

    async def capture(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    status = 200
    try:
        await fakesnow_app(scope, receive, capture)
        raw = bytes(body)
        if dict(start.get("headers", [])).get(b"content-encoding") == b"gzip":
            raw = gzip.decompress(raw)
        payload = json.loads(raw)
        status = start.get("status", 500)
        if status >= 500:
            # fakesnow's message also lists the bound values; the traceback is in its log anyway.
            message = str(payload.get("message") or f"HTTP {status}").split(" params=")[0]
            payload, status = failure(f"{message} (traceback in the fakesnow log)"), 200
        else:
            payload = to_node_result(payload)
    except Exception as e:  # noqa: BLE001 - a bridge bug must reach the test as an error, not a retry loop
        payload, status = failure(f"{type(e).__name__}: {e}"), 200

    out = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(out)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": out})
