"""A participant's own pair, and coordinators' pair list and pair page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.generic import TemplateView, View

from tandem.core.paging import paginate
from tandem.core.views import EditionScopedMixin
from tandem.mentoring.domain import pairs as pair_actions
from tandem.mentoring.domain import queries
from tandem.mentoring.domain.contract import contract_for
from tandem.mentoring.forms import MeetingForm, StateChangeForm
from tandem.mentoring.models import Meeting, Pair, PrivateNote
from tandem.mentoring.views.base import PairScopedMixin, form_errors


class MyPair(EditionScopedMixin, TemplateView):
    permission = "mentoring.view_own_pair"
    template_name = "mentoring/pairs/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.request.user
        pairs = list(queries.pairs_of(person, self.edition))
        pair = pairs[0] if pairs else None
        meetings = list(pair.meetings.select_related("logged_by")) if pair else []
        notes = dict(
            PrivateNote.objects.filter(meeting__in=meetings, author=person).values_list(
                "meeting_id", "text"
            )
        )
        for meeting in meetings:
            meeting.my_note = notes.get(meeting.pk, "")
            meeting.mine = meeting.logged_by_id == person.pk
            meeting.awaits_me = (
                not meeting.mine and meeting.state == Meeting.State.LOGGED
            )
        context.update(
            pair=pair,
            earlier_pairs=pairs[1:],
            partner=pair.partner_of(person) if pair else None,
            i_accepted=pair.accepted_by(person) if pair else None,
            contract=contract_for(self.edition) if pair else None,
            meetings=meetings,
            form=MeetingForm(),
        )
        return context


class PairList(EditionScopedMixin, TemplateView):
    permission = "mentoring.view_pairs"
    template_name = "mentoring/pairs/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.request.user
        tracked = queries.tracked_pairs(person, self.edition).order_by("pk")
        pager = paginate(self.request, tracked)
        # Figures for this page's pairs only: counting the meetings of every
        # pair in scope made counting the pages cost as much as the whole list.
        # Meta.ordering does not reach a GROUP BY query, so the order is named.
        pairs = queries.with_figures(
            Pair.objects.filter(pk__in=pager.rows.values("pk"))
        )
        known = paginate(
            self.request, queries.known_pairs(person, self.edition), param="known"
        )
        context.update(
            pairs=pairs.order_by("pk"), pager=pager, known=known.rows, known_pager=known
        )
        return context


class PairDetail(PairScopedMixin, TemplateView):
    def get_template_names(self):
        if self.request.user.has_perm("mentoring.see_pair_details", self.pair):
            return ["mentoring/pairs/show.html"]
        return ["mentoring/pairs/known.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(pair=self.pair, **kwargs)
        if self.request.user.has_perm("mentoring.see_pair_details", self.pair):
            context.update(
                events=self.pair.events.select_related("actor"),
                meetings=self.pair.meetings.select_related("logged_by"),
                can_manage=self.request.user.has_perm(
                    "mentoring.change_pair_state", self.pair
                ),
                version=pair_actions.latest_event_id(self.pair),
            )
        return context


class ContractAccept(PairScopedMixin, View):
    permission = "mentoring.accept_contract"

    def post(self, request, *args, **kwargs):
        try:
            pair = pair_actions.accept_contract(self.pair, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                "You both accepted the contract: your pair is active."
                if pair.state == pair.State.ACTIVE
                else "You accepted the contract; your partner's acceptance is next.",
            )
        return redirect("mentoring:mine", edition=self.edition.slug)


class PairStateChange(PairScopedMixin, View):
    permission = "mentoring.change_pair_state"

    def post(self, request, *args, **kwargs):
        form = StateChangeForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
        else:
            try:
                self._apply(**form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "The pair's state is changed.")
        return redirect("mentoring:pair", edition=self.edition.slug, pk=self.pair.pk)

    def _apply(self, action, reason, seen):
        actor = self.request.user
        if action == "pause":
            pair_actions.pause_pair(self.pair, actor=actor, reason=reason, seen=seen)
        elif action == "resume":
            pair_actions.resume_pair(self.pair, actor=actor, seen=seen)
        elif action == "end":
            pair_actions.end_pair_early(self.pair, reason, actor=actor, seen=seen)
        else:
            pair_actions.complete_pair(self.pair, actor=actor, seen=seen)
