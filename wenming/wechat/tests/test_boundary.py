"""wechatpy stays behind ``wenming/wechat/sdk.py``: the rest of the code never imports it."""

import re
from pathlib import Path

import wenming

IMPORT = re.compile(r"^\s*(from\s+wechatpy[\s.]|import\s+wechatpy\b)", re.M)


def test_only_the_sdk_module_imports_wechatpy():
    root = Path(wenming.__file__).parent
    importers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py") if IMPORT.search(p.read_text(encoding="utf-8")))
    assert importers == ["wechat/sdk.py"]
