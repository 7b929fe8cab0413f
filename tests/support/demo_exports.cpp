#include "demo_exports.h"

#include "demo/demo_ci_writer.h"
#include "demo/demo_delivery_writer.h"
#include "demo/demo_plan.h"

#include <QCryptographicHash>

#include <vector>

namespace faultline::test {

void writeDemoExports(const QString& folder)
{
    const demo::Plan plan = demo::planDemo(1);
    std::vector<QString> shas;
    for (int i = 0; i < int(plan.commits.size()); ++i)
        shas.push_back(QString::fromLatin1(
            QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha1).toHex()));
    demo::writeCiExports(plan, shas, folder);
    demo::writeDeliveryExports(plan, shas, folder);
}

} // namespace faultline::test
