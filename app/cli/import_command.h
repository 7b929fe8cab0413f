#pragma once

#include "command.h"

namespace faultline::cli {

// `faultline import <kind> …`: runs one importer headless (kinds arrive with their issues).
int runImport(const QStringList& args, QTextStream& out, QTextStream& err);

// `faultline import ci <files or folders…>` (import_ci.cpp).
int importCi(const QStringList& args, QTextStream& out, QTextStream& err);

// `faultline import deploys|incidents|prs <files or folders…>` (import_delivery.cpp).
int importDelivery(const QString& kind, const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace faultline::cli
