"""openapi.yaml against the running local server, with schemathesis.

schemathesis makes requests from the description, valid and invalid, and
checks that the server never fails (no 5xx) and that every answer is one the
description promises: its status code, its content type and its body.
After changing the API, a longer hunt is worth it: set EXAMPLES_PER_OPERATION
to 500 for one run (about six minutes).
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import LocalServer, local_server

DESCRIPTION = Path(__file__).parent.parent / "openapi.yaml"
TOKEN = "molenwijk.schemathesis.geheim-van-schemathesis"
# Enough to reach every status code each route has, few enough to stay quick.
EXAMPLES_PER_OPERATION = 15


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    with local_server(TOKEN, tmp_path_factory.mktemp("openapi")) as running:
        yield running


# Loaded as the module is collected, so pytest sees one test per operation;
# the server's address is only known later and is given with each call.
# (schemathesis.pytest.from_fixture would defer the loading, but it reads
# pytest's Function._nodeid, which pytest 9 no longer has.)
described_api = schemathesis.openapi.from_path(DESCRIPTION)
described_api.config.generation.update(max_examples=EXAMPLES_PER_OPERATION)


@described_api.parametrize()
# Every example is a real HTTP request to another process: slower than
# hypothesis expects of a test, and not a sign of a badly written one.
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_is_described_and_none_is_a_server_error(
    case: schemathesis.Case, server: LocalServer
) -> None:
    case.call_and_validate(
        base_url=server.url,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=30,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
