# Warnings and Qt hygiene for every Faultline target (applied through faultline_defaults).
add_library(faultline_defaults INTERFACE)
target_compile_options(faultline_defaults INTERFACE -Wall -Wextra -Wpedantic)
target_compile_definitions(faultline_defaults INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060000
    FAULTLINE_VERSION="${PROJECT_VERSION}"
    FAULTLINE_APP_ID="${FAULTLINE_APP_ID}")

if(FAULTLINE_SANITIZE)
    target_compile_options(faultline_defaults INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(faultline_defaults INTERFACE -fsanitize=address,undefined)
endif()
