#include "synthetic_history.h"

#include "import_batch.h"

namespace faultline::store {

namespace {

const BulkWriter::Spec kCommits { "commits",
                                  { "id", "repo_id", "sha", "author_name", "author_email", "authored_at",
                                    "committer_name", "committer_email", "committed_at", "subject", "message",
                                    "is_merge", "added_lines", "ai_lines", "ai_share" } };
const BulkWriter::Spec kParents { "commit_parents", { "commit_id", "position", "parent_sha" } };
const BulkWriter::Spec kFiles { "commit_files", { "commit_id", "path", "change", "added" } };

} // namespace

SyntheticHistory::SyntheticHistory(ImportBatch& batch)
    : m_batch(batch)
    , m_nextId(batch.db().queryInt64("SELECT coalesce(max(id), 0) + 1 FROM commits", 1))
{ }

std::int64_t SyntheticHistory::addRepository(const QString& name, const QString& location)
{
    auto& s = m_batch.statement("INSERT INTO repos (name, location) VALUES (?1, ?2) RETURNING id");
    s.bind(1, name).bind(2, location);
    s.step();
    const std::int64_t id = s.int64(0);
    s.reset();
    return id;
}

std::int64_t SyntheticHistory::addCommit(std::int64_t repoId, const Commit& c)
{
    const std::int64_t id = m_nextId++;
    auto& commits = m_batch.writer(kCommits);
    commits.value(id).value(repoId).value(c.sha).value("Synthetic Author").value("author@example.com");
    commits.value(c.authoredAt).value("Synthetic Author").value("author@example.com").value(c.authoredAt);
    commits.value(c.subject).value(c.message.isEmpty() ? c.subject : c.message).value(c.parents.size() > 1);
    commits.value(c.addedLines).value(c.aiLines);
    commits.value(c.addedLines > 0 ? double(c.aiLines) / double(c.addedLines) : 0.0);
    commits.endRow();
    auto& parents = m_batch.writer(kParents);
    for (qsizetype p = 0; p < c.parents.size(); ++p) {
        parents.value(id).value(std::int64_t(p)).value(c.parents[p]);
        parents.endRow();
    }
    auto& files = m_batch.writer(kFiles);
    for (const QString& path : c.files) {
        files.value(id).value(path).value("M").value(c.addedLines);
        files.endRow();
    }
    return id;
}

void SyntheticHistory::flush()
{
    m_batch.writer(kCommits).flush();
    m_batch.writer(kParents).flush();
    m_batch.writer(kFiles).flush();
}

} // namespace faultline::store
