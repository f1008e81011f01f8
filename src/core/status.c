#include <pacta/pacta.h>

const char *pacta_strerror(pacta_status status)
{
    switch (status) {
    case PACTA_OK:
        return "success";
    case PACTA_ENOMEM:
        return "out of memory";
    case PACTA_EINVAL:
        return "invalid argument";
    case PACTA_EINPUT:
        return "invalid input";
    case PACTA_EIO:
        return "input/output error";
    case PACTA_ENUMERIC:
        return "numerical failure";
    case PACTA_ELIMIT:
        return "input exceeds a limit";
    }
    return "unknown status";
}

const char *pacta_version(void)
{
    return PACTA_VERSION_STRING;
}
