"""The international coordinator's settings: the contract and the activity rule."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from tandem.core import conflicts
from tandem.core.views import EditionScopedMixin
from tandem.mentoring.domain.activity import rule_for, save_rule
from tandem.mentoring.domain.contract import contract_for, save_contract
from tandem.mentoring.forms import ContractForm, RuleForm


class ContractEdit(EditionScopedMixin, FormView):
    permission = "mentoring.edit_contract"
    template_name = "mentoring/setup/contract.html"
    form_class = ContractForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": contract_for(self.edition)}

    def get_initial(self):
        return {"seen": conflicts.stamp(contract_for(self.edition).updated_at)}

    def form_valid(self, form):
        try:
            save_contract(self.edition, actor=self.request.user, **form.cleaned_data)
        except conflicts.EditConflict as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, "The contract is saved.")
        return redirect("mentoring:contract", edition=self.edition.slug)


class RuleEdit(EditionScopedMixin, FormView):
    permission = "mentoring.edit_rule"
    template_name = "mentoring/setup/rule.html"
    form_class = RuleForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": rule_for(self.edition)}

    def form_valid(self, form):
        save_rule(self.edition, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, "The activity rule is saved; pairs reassessed.")
        return redirect("mentoring:rule", edition=self.edition.slug)
