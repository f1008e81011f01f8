/* The vocabulary of provisions a proposal can declare. Flags follow the security and
 * implementation codes of the PA-X peace agreements database (Bell & Badanjak 2019) so that
 * durability models fitted on PA-X can read them; numbers feed the commitment-problem
 * analysis. Adding a key here is all it takes for the reader to accept it. */
#include <string.h>

#include <pacta/pacta.h>

static const pacta_provision_spec_t specs[] = {
    {"ceasefire", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "the text provides a ceasefire (PA-X Ce)"},
    {"monitoring", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "peacekeepers or international monitors oversee it (PA-X ImPK, ImUN)"},
    {"third_party_guarantee", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "an outside power explicitly guarantees the settlement or a party's security "
     "(PA-X SsrGua)"},
    {"demilitarised_zone", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "a demilitarised or buffer zone (PA-X DdrDemil)"},
    {"withdrawal", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "withdrawal of forces from agreed areas (PA-X SsrFf)"},
    {"territorial", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "provisions on territory or its status (PA-X Terr)"},
    {"power_sharing", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "political, territorial or military power-sharing"},
    {"joint_commission", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "a joint commission or procedure for resolving disputes about implementation"},
    {"imposed", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "pushed by a third party rather than reached by the belligerents (Werner & Yuen 2005's "
     "'unnatural' ceasefires)"},
};

const pacta_provision_spec_t *pacta_provision_specs(size_t *n)
{
    *n = sizeof specs / sizeof specs[0];
    return specs;
}

const pacta_provision_t *pacta_proposal_provision(const pacta_proposal_t *proposal,
                                                  const char *key)
{
    for (size_t i = 0; i < proposal->n_provisions; i++)
        if (strcmp(proposal->provisions[i].key, key) == 0)
            return &proposal->provisions[i];
    return NULL;
}
