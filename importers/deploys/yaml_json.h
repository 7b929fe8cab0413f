#pragma once

#include <QString>

#include <string>

namespace faultline::importers::deploys {

// The YAML documents of a file as JSON text, so that one json::Node reader serves Argo CD
// Applications in both notations. One document gives its value; several ("---") give an array of
// them (empty documents left out). Plain scalars that read as integers (no leading zeros), booleans
// (true/false in any YAML 1.2 case) or null (null, ~, nothing) get those JSON types; every other
// scalar, quoted ones and floats included, is a string, so that revisions and versions keep their
// exact text. Throws ImportError "<file>:<line>:<column>: invalid YAML (…)" on a syntax error.
std::string yamlFileToJson(const QString& path);

} // namespace faultline::importers::deploys
