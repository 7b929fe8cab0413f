#include "file_hasher.h"

#include "store/import_batch.h"

namespace faultline::importers::ci {

FileHasher::FileHasher(QStringList paths)
    : m_paths(std::move(paths))
    , m_promises(size_t(m_paths.size()))
{
    for (auto& promise : m_promises)
        m_futures.push_back(promise.get_future().share());
    m_thread = std::thread([this] {
        for (size_t i = 0; i < m_promises.size(); ++i) {
            if (m_stop) {
                m_promises[i].set_value({});
                continue;
            }
            try {
                m_promises[i].set_value(store::ImportBatch::sha256OfFile(m_paths[qsizetype(i)]));
            } catch (...) {
                m_promises[i].set_exception(std::current_exception());
            }
        }
    });
}

FileHasher::~FileHasher()
{
    m_stop = true;
    m_thread.join();
}

QByteArray FileHasher::sha256(size_t index)
{
    return m_futures.at(index).get();
}

} // namespace faultline::importers::ci
