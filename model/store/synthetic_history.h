#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>

namespace faultline::store {

class ImportBatch;

// Histories written without git, for benchmarks and tests of what reads them (the linker): a
// repository row, then commits with their parents and files, through the batch's bulk writers.
// Nothing is blamed, no churn is computed; rows are written when the batch commits (or flush()).
class SyntheticHistory
{
public:
    explicit SyntheticHistory(ImportBatch& batch);

    std::int64_t addRepository(const QString& name, const QString& location);

    struct Commit
    {
        QString sha; // lower-case hex
        QString subject;
        QString message; // the subject when empty
        std::int64_t authoredAt = 0; // also the commit time
        QStringList parents; // shas, first parent first
        QStringList files; // paths changed ('M')
        std::int64_t addedLines = 0;
        std::int64_t aiLines = 0;
    };
    std::int64_t addCommit(std::int64_t repoId, const Commit& commit);

    void flush();

private:
    ImportBatch& m_batch;
    std::int64_t m_nextId = 1;
};

} // namespace faultline::store
