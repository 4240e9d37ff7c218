#ifndef ROLEGEN_CYAML_SHIM_H
#define ROLEGEN_CYAML_SHIM_H
#include <yaml.h>
#endif
