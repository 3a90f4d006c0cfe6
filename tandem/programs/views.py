from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
    View,
)

from tandem.core.views import EditionScopedMixin
from tandem.people.models import Membership
from tandem.programs.domain import joining, timeline
from tandem.programs.forms import JoinRequestForm, MilestoneForm
from tandem.programs.models import (
    Edition,
    EditionAssociation,
    JoinRequest,
    RoleGrant,
)
from tandem.programs.roles import editions_of
from tandem.programs.rules import AssociationInEdition


@method_decorator(login_not_required, name="dispatch")
class Home(TemplateView):
    """Anonymous visitors get the program's front page; others their dashboard."""

    template_name = "programs/home.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            edition = editions_of(request.user).first()
            if edition is not None:
                return redirect("programs:dashboard", edition=edition.slug)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            editions=Edition.objects.order_by("-starts_on")[:3], **kwargs
        )


class EditionDashboard(EditionScopedMixin, TemplateView):
    permission = "programs.view_dashboard"
    template_name = "programs/dashboard/show.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        milestones = list(self.edition.milestones.all())
        context.update(
            phase=timeline.current_phase(self.edition, milestones),
            upcoming=timeline.upcoming(milestones),
            counts=self.counts(),
        )
        return context

    def counts(self):
        roles = self.roles
        if roles.international:
            return self.international_counts()
        if roles.national_of:
            return self.national_counts(roles.national_of)
        if roles.training_partner:
            return [("associations taking part", self.edition.associations.count())]
        return self.member_counts()

    def international_counts(self):
        joined = EditionAssociation.objects.filter(edition=self.edition)
        members = Membership.objects.filter(
            association__in=joined.values("association")
        ).aggregate(total=Count("id"), verified=Count("id", filter=Q(state="verified")))
        pending = self.edition.join_requests.filter(state=JoinRequest.State.PENDING)
        coordinators = RoleGrant.objects.filter(
            edition=self.edition, role=RoleGrant.Role.NATIONAL
        )
        return [
            ("associations taking part", joined.count()),
            ("join requests waiting", pending.count()),
            ("national coordinators named", coordinators.count()),
            ("members", members["total"]),
            ("members verified", members["verified"]),
        ]

    def national_counts(self, association_ids):
        members = Membership.objects.filter(association__in=association_ids).aggregate(
            total=Count("id"),
            verified=Count("id", filter=Q(state="verified")),
            unverified=Count("id", filter=Q(state="unverified")),
            rejected=Count("id", filter=Q(state="rejected")),
        )
        return [
            ("members", members["total"]),
            ("members verified", members["verified"]),
            ("members to verify", members["unverified"]),
            ("memberships rejected", members["rejected"]),
        ]

    def member_counts(self):
        mine = self.request.user.memberships.filter(
            association__in=self.roles.member_of
        )
        verified = mine.filter(state=Membership.State.VERIFIED).count()
        return [("your memberships verified", verified)]


class EditionTimeline(EditionScopedMixin, TemplateView):
    permission = "programs.view_timeline"
    template_name = "programs/timeline/show.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        milestones = list(self.edition.milestones.all())
        context.update(
            milestones=milestones,
            scale=timeline.timeline_scale(self.edition, milestones),
            can_edit=self.request.user.has_perm("programs.edit_timeline", self.edition),
        )
        return context


class MilestoneFormMixin(EditionScopedMixin):
    permission = "programs.edit_timeline"
    form_class = MilestoneForm
    template_name = "programs/timeline/edit.html"

    def get_queryset(self):
        return self.edition.milestones.all()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "edition": self.edition}

    def get_success_url(self):
        return reverse("programs:timeline", kwargs={"edition": self.edition.slug})

    def form_valid(self, form):
        messages.success(self.request, f"Saved “{form.instance.name}”.")
        return super().form_valid(form)


class MilestoneCreate(MilestoneFormMixin, CreateView):
    pass


class MilestoneUpdate(MilestoneFormMixin, UpdateView):
    pass


class MilestoneDelete(EditionScopedMixin, DeleteView):
    permission = "programs.edit_timeline"
    template_name = "programs/timeline/delete.html"

    def get_queryset(self):
        return self.edition.milestones.all()

    def get_success_url(self):
        return reverse("programs:timeline", kwargs={"edition": self.edition.slug})


class AssociationList(EditionScopedMixin, ListView):
    permission = "programs.view_associations"
    template_name = "programs/associations/list.html"
    context_object_name = "associations"

    def get_queryset(self):
        return self.edition.associations.order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        grants = RoleGrant.objects.filter(
            edition=self.edition, role=RoleGrant.Role.NATIONAL
        ).select_related("person")
        # A national coordinator sees who coordinates its own association only.
        if not self.roles.international:
            grants = grants.filter(association__in=self.roles.national_of)
        context["coordinators"] = {g.association_id: g.person for g in grants}
        return context


class AssociationDetail(EditionScopedMixin, DetailView):
    scope_permission = "programs.see_association"
    permission = "programs.view_association"
    template_name = "programs/associations/show.html"
    context_object_name = "association"

    def get_permission_object(self):
        self.object = self.get_object()
        return AssociationInEdition(self.edition, self.object)

    def get_object(self, queryset=None):
        if hasattr(self, "object"):
            return self.object
        return get_object_or_404(
            self.edition.associations, country=self.kwargs["country"].upper()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["coordinator"] = (
            RoleGrant.objects.filter(
                edition=self.edition,
                association=self.object,
                role=RoleGrant.Role.NATIONAL,
            )
            .select_related("person")
            .first()
        )
        context["memberships"] = self.object.memberships.select_related(
            "person"
        ).order_by("person__full_name")
        return context


@method_decorator(login_not_required, name="dispatch")
class JoinRequestCreate(CreateView):
    """The public form an association's board fills in to join an edition."""

    form_class = JoinRequestForm
    template_name = "programs/joining/create.html"

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, slug=kwargs["edition"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            joining.submit_join_request(
                self.edition, data, submission=form.cleaned_data["submission"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect("programs:join_thanks", edition=self.edition.slug)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["edition"] = self.edition
        return context


@method_decorator(login_not_required, name="dispatch")
class JoinRequestThanks(TemplateView):
    template_name = "programs/joining/thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["edition"] = get_object_or_404(Edition, slug=self.kwargs["edition"])
        return context


class JoinRequestList(EditionScopedMixin, ListView):
    permission = "programs.decide_join_requests"
    template_name = "programs/joining/list.html"
    context_object_name = "join_requests"

    def get_queryset(self):
        return self.edition.join_requests.select_related("decided_by", "association")


class JoinRequestDecide(EditionScopedMixin, View):
    permission = "programs.decide_join_requests"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        join_request = get_object_or_404(
            self.edition.join_requests, pk=self.kwargs["pk"]
        )
        decision = request.POST.get("decision")
        if decision not in {"approve", "decline"}:
            raise Http404("Unknown decision.")
        try:
            if decision == "approve":
                joining.approve_join_request(join_request, actor=request.user)
            else:
                joining.decline_join_request(join_request, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"{join_request.association_name}: request {decision}d."
            )
        return redirect("programs:join_requests", edition=self.edition.slug)
