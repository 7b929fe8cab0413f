#include "ci_context.h"

#include "common/import_error.h"

namespace faultline::importers::ci {

CiContext::CiContext(store::ImportBatch& batch, const StageRules& stages, const CiImportOptions& options,
                     ProgressCallback progress)
    : m_batch(batch)
    , m_writer(batch)
    , m_stages(stages)
    , m_options(options)
    , m_time(options.naiveZone)
    , m_progress(std::move(progress))
{ }

void CiContext::beginFile(std::int64_t fileBytes)
{
    m_doneBefore += m_currentFileBytes;
    m_currentFileBytes = fileBytes;
    progress(0);
}

void CiContext::progress(std::int64_t bytesDoneInFile)
{
    if (m_progress && !m_progress(m_doneBefore + std::min(bytesDoneInFile, m_currentFileBytes), m_totalBytes))
        throw ImportCancelled();
}

void CiContext::warn(const QString& kind, const QString& file, qint64 line, const QString& location,
                     const QString& detail)
{
    m_batch.addWarning({ kind, file, line, location, detail });
}

} // namespace faultline::importers::ci

namespace faultline::importers::ci {

void CiContext::warn(const QString& kind, const json::Node& node, const QString& detail)
{
    warn(kind, node.origin() ? node.origin()->file : QString(), node.line(), node.path(), detail);
}

} // namespace faultline::importers::ci
