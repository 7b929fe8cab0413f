#pragma once

#include "common/file_import.h"

#include <QString>

namespace faultline::importers::incidents {

// One reader per incident format; each throws ImportError naming the file and position.
void importPagerDuty(const QString& path, FileImportContext& ctx);
void importOpsgenie(const QString& path, FileImportContext& ctx);
void importJira(const QString& path, FileImportContext& ctx);
void importIncidentCsv(const QString& path, FileImportContext& ctx);

} // namespace faultline::importers::incidents
