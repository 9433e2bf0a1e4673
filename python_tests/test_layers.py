"""The folders under models/ are the layers, in the order they run: no model reads a model of
a later layer (docs/DESIGN.md, "The layers")."""

from __future__ import annotations

import json
from pathlib import Path

LAYERS = (
    "staging/berka",
    "adapters",
    "staging/core_banking",
    "window",
    "quality",
    "intermediate/monthly",
    "intermediate/features",
    "intermediate/campaigns",
    "formats",
    "clustering",
    "marts",
)


def layer_of(path: str) -> int:
    folder = path.removeprefix("models/")
    matches = [i for i, layer in enumerate(LAYERS) if folder.startswith(layer + "/")]
    assert matches, f"{path}: in no layer folder; place its folder in LAYERS and docs/DESIGN.md"
    return matches[0]


def test_no_model_reads_a_later_layer(demo_warehouse: Path):
    manifest = json.loads((demo_warehouse.parent / "target" / "manifest.json").read_text())
    models = {
        node_id: node
        for node_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
    }
    assert len(models) > 40
    against_the_layers = [
        f"{node['name']} ({node['original_file_path']}) reads {models[parent]['name']} "
        f"({models[parent]['original_file_path']})"
        for node in models.values()
        for parent in node["depends_on"]["nodes"]
        if parent in models
        and layer_of(models[parent]["original_file_path"]) > layer_of(node["original_file_path"])
    ]
    assert against_the_layers == []
